package net.anycastdns.zones;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;

/**
 * Writes key pairs in the BIND format ({@code K<zone>.+<alg>+<tag>.key} and {@code .private}, with
 * BIND's timing fields), as {@code dnssec-keygen} does, so tests sign with keys made on the spot.
 * Public for the server's tests (the zones test-jar).
 */
public final class TestKeys {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Flags of a key signing key (SEP set) and of a zone signing key. */
  public static final int KSK = 257;

  public static final int ZSK = 256;

  private TestKeys() {}

  /** Times BIND writes into a {@code .private} file; null fields are left out. */
  public record Times(Instant publish, Instant activate, Instant inactive, Instant delete) {
    public static final Times NONE = new Times(null, null, null, null);
  }

  /**
   * Writes a new key pair of {@code zone} into {@code dir}; returns its DNSKEY.
   *
   * @param algorithm 8, 13 or 15
   * @param flags {@link #KSK} or {@link #ZSK}
   */
  public static DNSKEYRecord write(Path dir, String zone, int algorithm, int flags, Times times)
      throws IOException {
    try {
      Name origin = Name.fromString(zone, Name.root);
      KeyPair pair = generate(algorithm);
      DNSKEYRecord dnskey =
          new DNSKEYRecord(origin, DClass.IN, 3600, flags, 3, algorithm, pair.getPublic());
      String base =
          String.format(
              Locale.ROOT, "K%s+%03d+%05d", origin.toString(), algorithm, dnskey.getFootprint());
      Files.writeString(dir.resolve(base + ".key"), dnskey + "\n");
      StringBuilder p = new StringBuilder("Private-key-format: v1.3\n");
      p.append("Algorithm: ").append(algorithm).append('\n');
      p.append(privateFields(pair, algorithm));
      field(p, "Publish", times.publish());
      field(p, "Activate", times.activate());
      field(p, "Inactive", times.inactive());
      field(p, "Delete", times.delete());
      Path secret = dir.resolve(base + ".private");
      Files.write(secret, p.toString().getBytes(StandardCharsets.US_ASCII));
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
      return dnskey;
    } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(StringBuilder p, String name, Instant t) {
    if (t != null) {
      p.append(name).append(": ").append(TIME.format(t)).append('\n');
    }
  }

  private static KeyPair generate(int algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case DNSSEC.Algorithm.RSASHA256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        return g.generateKeyPair();
      }
      case DNSSEC.Algorithm.ECDSAP256SHA256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
      }
      case DNSSEC.Algorithm.ED25519 -> {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      }
      default -> throw new IllegalArgumentException("algorithm " + algorithm);
    }
  }

  private static String privateFields(KeyPair pair, int algorithm) {
    Base64.Encoder b64 = Base64.getEncoder();
    if (pair.getPrivate() instanceof RSAPrivateCrtKey k) {
      return "Modulus: "
          + b64.encodeToString(unsigned(k.getModulus()))
          + "\n"
          + "PublicExponent: "
          + b64.encodeToString(unsigned(k.getPublicExponent()))
          + "\n"
          + "PrivateExponent: "
          + b64.encodeToString(unsigned(k.getPrivateExponent()))
          + "\n"
          + "Prime1: "
          + b64.encodeToString(unsigned(k.getPrimeP()))
          + "\n"
          + "Prime2: "
          + b64.encodeToString(unsigned(k.getPrimeQ()))
          + "\n"
          + "Exponent1: "
          + b64.encodeToString(unsigned(k.getPrimeExponentP()))
          + "\n"
          + "Exponent2: "
          + b64.encodeToString(unsigned(k.getPrimeExponentQ()))
          + "\n"
          + "Coefficient: "
          + b64.encodeToString(unsigned(k.getCrtCoefficient()))
          + "\n";
    }
    if (pair.getPrivate() instanceof ECPrivateKey k) {
      byte[] d = unsigned(k.getS());
      byte[] fixed = new byte[32];
      System.arraycopy(d, 0, fixed, 32 - d.length, d.length);
      return "PrivateKey: " + b64.encodeToString(fixed) + "\n";
    }
    EdECPrivateKey k = (EdECPrivateKey) pair.getPrivate();
    return "PrivateKey: " + b64.encodeToString(k.getBytes().orElseThrow()) + "\n";
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }
}
