package net.anycastdns.zones.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.anycastdns.zones.ZoneProblem;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Reads a key folder: every {@code K<zone>.+<alg>+<tag>.private} with the {@code .key} beside it
 * becomes a {@link SigningKey} of its zone. Each bad file is one problem naming the file (one that
 * does not parse, a {@code .key} and {@code .private} that disagree, an algorithm not supported);
 * such a problem belongs to the key's zone, which is then not signed with a partial set of keys.
 * Private key material never appears in a message.
 */
public final class KeyFolder {
  private static final Pattern FILE = Pattern.compile("K(.*)\\+(\\d{3})\\+(\\d{5})\\.private");

  /** BIND's timing fields, {@code YYYYMMDDHHMMSS} in UTC. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  /** The DNSSEC algorithms keys may use, with the JDK signature algorithm of each. */
  private static final Map<Integer, String> ALGORITHMS =
      Map.of(
          DNSSEC.Algorithm.RSASHA256, "SHA256withRSA",
          DNSSEC.Algorithm.RSASHA512, "SHA512withRSA",
          DNSSEC.Algorithm.ECDSAP256SHA256, "SHA256withECDSA",
          DNSSEC.Algorithm.ECDSAP384SHA384, "SHA384withECDSA",
          DNSSEC.Algorithm.ED25519, "Ed25519",
          DNSSEC.Algorithm.ED448, "Ed448");

  private KeyFolder() {}

  /**
   * What a key folder holds.
   *
   * @param keys the keys of each zone, in file name order
   * @param zoneErrors problems of key files of each zone: such a zone is not signed
   * @param problems other problems (a file name that names no zone, a folder others can read)
   * @param digests for each zone, a digest of its key files: it changes when any of them does
   */
  public record Contents(
      Map<Name, List<SigningKey>> keys,
      Map<Name, List<ZoneProblem>> zoneErrors,
      List<ZoneProblem> problems,
      Map<Name, String> digests) {
    public static final Contents EMPTY = new Contents(Map.of(), Map.of(), List.of(), Map.of());

    /** The zones with key files, good or bad. */
    public Set<Name> zones() {
      return digests.keySet();
    }
  }

  /** Reads {@code dir}; a folder that cannot be listed is one problem. */
  public static Contents read(Path dir) {
    List<ZoneProblem> problems = new ArrayList<>();
    Map<Name, List<SigningKey>> keys = new LinkedHashMap<>();
    Map<Name, List<ZoneProblem>> zoneErrors = new LinkedHashMap<>();
    Map<Name, MessageDigest> digests = new TreeMap<>();
    if (readableByOthers(dir)) {
      problems.add(
          ZoneProblem.warning(
              dir.toString(),
              0,
              "the key folder is readable by others: private keys are exposed (chmod o-rwx)"));
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "K*.private")) {
      ds.forEach(files::add);
    } catch (IOException e) {
      problems.add(ZoneProblem.error(dir.toString(), 0, "cannot read the key folder: " + e));
      return new Contents(Map.of(), Map.of(), problems, Map.of());
    }
    files.sort(null);
    for (Path file : files) {
      String name = file.getFileName().toString();
      Matcher m = FILE.matcher(name);
      Name zone;
      try {
        zone = m.matches() ? Name.fromString(m.group(1), Name.root) : null;
      } catch (TextParseException e) {
        zone = null;
      }
      if (zone == null) {
        problems.add(
            ZoneProblem.error(
                file.toString(), 0, "not a key file name: K<zone>.+<alg>+<tag>.private"));
        continue;
      }
      Path keyFile = file.resolveSibling(name.substring(0, name.length() - 8) + ".key");
      try {
        byte[] privateText = Files.readAllBytes(file);
        if (!Files.exists(keyFile)) {
          throw new BadKeyException(file.toString(), "no " + keyFile.getFileName() + " beside it");
        }
        byte[] keyText = Files.readAllBytes(keyFile);
        MessageDigest d = digests.computeIfAbsent(zone, z -> sha256());
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update(privateText);
        d.update(keyText);
        SigningKey key =
            parse(
                file.toString(),
                zone,
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                keyText,
                privateText);
        keys.computeIfAbsent(zone, z -> new ArrayList<>()).add(key);
      } catch (BadKeyException e) {
        digests.computeIfAbsent(zone, z -> sha256());
        zoneErrors
            .computeIfAbsent(zone, z -> new ArrayList<>())
            .add(ZoneProblem.error(e.file, e.line, e.getMessage()));
      } catch (IOException e) {
        digests.computeIfAbsent(zone, z -> sha256());
        zoneErrors
            .computeIfAbsent(zone, z -> new ArrayList<>())
            .add(ZoneProblem.error(file.toString(), 0, "cannot read: " + e));
      }
    }
    Map<Name, String> digestText = new LinkedHashMap<>();
    digests.forEach((z, d) -> digestText.put(z, HexFormat.of().formatHex(d.digest())));
    return new Contents(keys, zoneErrors, problems, digestText);
  }

  /** A key file that cannot be used; its message names no private data. */
  private static final class BadKeyException extends Exception {
    private static final long serialVersionUID = 1L;
    final String file;
    final int line;

    BadKeyException(String file, String message) {
      this(file, 0, message);
    }

    BadKeyException(String file, int line, String message) {
      super(message);
      this.file = file;
      this.line = line;
    }
  }

  /**
   * The key of one pair of files.
   *
   * @param file the {@code .private} file's path, for messages
   * @param algorithm the algorithm number of the file name
   * @param tag the key tag of the file name
   */
  static SigningKey parse(
      String file, Name zone, int algorithm, int tag, byte[] keyText, byte[] privateText)
      throws BadKeyException {
    String keyFile = file.substring(0, file.length() - 8) + ".key";
    DNSKEYRecord dnskey = dnskey(keyFile, zone, keyText);
    String keyName = keyFile.substring(keyFile.lastIndexOf('/') + 1);
    Map<String, String> fields = fields(file, privateText);
    String format = fields.getOrDefault("Private-key-format", "");
    if (!format.startsWith("v1.")) {
      throw new BadKeyException(file, "not a BIND private key (Private-key-format v1.x)");
    }
    int declared = leadingNumber(file, fields.get("Algorithm"), "Algorithm");
    if (!ALGORITHMS.containsKey(declared)) {
      throw new BadKeyException(
          file,
          "algorithm "
              + declared
              + " is not supported (use 8 RSASHA256, 10 RSASHA512, 13 ECDSAP256SHA256, 14"
              + " ECDSAP384SHA384, 15 ED25519 or 16 ED448)");
    }
    if (declared != algorithm || dnskey.getAlgorithm() != algorithm) {
      throw new BadKeyException(
          file,
          "algorithm "
              + declared
              + " in the file, "
              + algorithm
              + " in its name and "
              + dnskey.getAlgorithm()
              + " in "
              + keyName
              + " disagree");
    }
    if (dnskey.getFootprint() != tag) {
      throw new BadKeyException(
          file,
          "key tag " + tag + " in the file name, but the DNSKEY's is " + dnskey.getFootprint());
    }
    PrivateKey privateKey = privateKey(file, algorithm, fields);
    if (!matches(algorithm, dnskey, privateKey)) {
      throw new BadKeyException(
          file, "the private key does not belong to the DNSKEY of " + keyName);
    }
    KeyTiming timing =
        new KeyTiming(
            time(file, fields, "Publish"),
            time(file, fields, "Activate"),
            time(file, fields, "Inactive"),
            time(file, fields, "Delete"));
    return new SigningKey(
        file.substring(file.lastIndexOf('/') + 1), zone, dnskey, privateKey, timing);
  }

  private static DNSKEYRecord dnskey(String keyFile, Name zone, byte[] text)
      throws BadKeyException {
    DNSKEYRecord found = null;
    // ldns-keygen writes no TTL; the DNSKEY RRset's TTL is the zone's business anyway.
    try (Master m = new Master(new ByteArrayInputStream(text), zone, 3600)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        if (!(r instanceof DNSKEYRecord k) || found != null) {
          throw new BadKeyException(keyFile, "holds something else than one DNSKEY record");
        }
        found = k;
      }
    } catch (IOException e) {
      throw new BadKeyException(keyFile, "does not parse: " + e.getMessage());
    }
    if (found == null) {
      throw new BadKeyException(keyFile, "holds no DNSKEY record");
    }
    if (!found.getName().equals(zone)) {
      throw new BadKeyException(
          keyFile, "the DNSKEY is for " + found.getName() + ", the file name says " + zone);
    }
    if ((found.getFlags() & 0x0100) == 0 || found.getProtocol() != 3) {
      throw new BadKeyException(keyFile, "not a zone key (flags 256 or 257, protocol 3)");
    }
    return found;
  }

  private static Map<String, String> fields(String file, byte[] text) throws BadKeyException {
    Map<String, String> fields = new LinkedHashMap<>();
    int line = 0;
    for (String l : new String(text, StandardCharsets.UTF_8).split("\n", -1)) {
      line++;
      String s = l.strip();
      if (s.isEmpty() || s.startsWith(";")) {
        continue;
      }
      int colon = s.indexOf(':');
      if (colon <= 0) {
        throw new BadKeyException(file, line, "not a 'Field: value' line");
      }
      fields.put(s.substring(0, colon), s.substring(colon + 1).strip());
    }
    return fields;
  }

  private static int leadingNumber(String file, String value, String field) throws BadKeyException {
    if (value == null) {
      throw new BadKeyException(file, "no " + field + " field");
    }
    String n = value.split("\\s+", 2)[0];
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      throw new BadKeyException(file, field + ": not a number: '" + n + "'");
    }
  }

  private static Instant time(String file, Map<String, String> fields, String field)
      throws BadKeyException {
    String v = fields.get(field);
    if (v == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(v, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadKeyException(file, field + ": not a time YYYYMMDDHHMMSS (UTC): '" + v + "'");
    }
  }

  private static byte[] base64(String file, Map<String, String> fields, String field)
      throws BadKeyException {
    String v = fields.get(field);
    if (v == null) {
      throw new BadKeyException(file, "no " + field + " field");
    }
    try {
      return Base64.getDecoder().decode(v.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      // The value is secret: the message says where, not what.
      throw new BadKeyException(file, field + ": not Base64");
    }
  }

  private static BigInteger integer(String file, Map<String, String> fields, String field)
      throws BadKeyException {
    return new BigInteger(1, base64(file, fields, field));
  }

  private static PrivateKey privateKey(String file, int algorithm, Map<String, String> fields)
      throws BadKeyException {
    try {
      KeySpec spec;
      String kind;
      switch (algorithm) {
        case DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.RSASHA512 -> {
          kind = "RSA";
          spec =
              new RSAPrivateCrtKeySpec(
                  integer(file, fields, "Modulus"),
                  integer(file, fields, "PublicExponent"),
                  integer(file, fields, "PrivateExponent"),
                  integer(file, fields, "Prime1"),
                  integer(file, fields, "Prime2"),
                  integer(file, fields, "Exponent1"),
                  integer(file, fields, "Exponent2"),
                  integer(file, fields, "Coefficient"));
        }
        case DNSSEC.Algorithm.ECDSAP256SHA256, DNSSEC.Algorithm.ECDSAP384SHA384 -> {
          kind = "EC";
          AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
          p.init(
              new ECGenParameterSpec(
                  algorithm == DNSSEC.Algorithm.ECDSAP256SHA256 ? "secp256r1" : "secp384r1"));
          spec =
              new ECPrivateKeySpec(
                  integer(file, fields, "PrivateKey"), p.getParameterSpec(ECParameterSpec.class));
        }
        default -> {
          kind = algorithm == DNSSEC.Algorithm.ED25519 ? "Ed25519" : "Ed448";
          spec =
              new EdECPrivateKeySpec(
                  algorithm == DNSSEC.Algorithm.ED25519
                      ? NamedParameterSpec.ED25519
                      : NamedParameterSpec.ED448,
                  base64(file, fields, "PrivateKey"));
        }
      }
      return KeyFactory.getInstance(kind).generatePrivate(spec);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadKeyException(file, "not a valid private key for algorithm " + algorithm);
    }
  }

  /** Whether the private key signs what the DNSKEY's public key verifies. */
  private static boolean matches(int algorithm, DNSKEYRecord dnskey, PrivateKey privateKey) {
    byte[] probe = "anycast-dns key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature s = Signature.getInstance(ALGORITHMS.get(algorithm));
      s.initSign(privateKey);
      s.update(probe);
      byte[] signature = s.sign();
      Signature v = Signature.getInstance(ALGORITHMS.get(algorithm));
      v.initVerify(dnskey.getPublicKey());
      v.update(probe);
      return v.verify(signature);
    } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
      return false;
    }
  }

  private static boolean readableByOthers(Path p) {
    try {
      return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
