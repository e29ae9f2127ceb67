package net.anycastdns.zones;

import java.util.List;

/**
 * One record of every type Knot DNS 3.x parses (its {@code src/libzscanner/scanner_body.rl}), in
 * the presentation format of its RFC, mostly the RFC's own example; and a record of a type nobody
 * knows, in RFC 3597's generic form.
 */
final class EveryKnotType {
  private EveryKnotType() {}

  /**
   * @param owner relative to example.org.
   * @param wire the record data as the RFC defines it, in hex, where written out by hand here; null
   *     where Knot is the judge
   * @param knot243 whether Knot 3.2 (Debian 12's) parses the presentation form; where not, its copy
   *     of the zone has the record in the generic form built from {@code wire}
   */
  record Row(String owner, String type, String data, String wire, boolean knot243) {}

  private static Row knot(String owner, String type, String data) {
    return new Row(owner, type, data, null, true);
  }

  private static Row wire(String owner, String type, String data, String hex) {
    return new Row(owner, type, data, hex, true);
  }

  private static Row newer(String owner, String type, String data, String hex) {
    return new Row(owner, type, data, hex, false);
  }

  static final String HEAD =
      "$ORIGIN example.org.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\n"
          + "ns1 A 192.0.2.1\n";

  static final List<Row> ROWS =
      List.of(
          wire("a", "A", "192.0.2.10", "c000020a"),
          knot("ns", "NS", "ns2.example.net."),
          knot("cname", "CNAME", "target.example.net."),
          knot("ptr", "PTR", "host.example.net."),
          knot("hinfo", "HINFO", "\"Generic PC\" \"Linux\""),
          knot("minfo", "MINFO", "rmailbx.example.net. emailbx.example.net."),
          knot("mx", "MX", "10 mail.example.net."),
          knot("txt", "TXT", "\"v=spf1 -all\" \"second string\""),
          knot("rp", "RP", "mbox.example.net. txt.example.net."),
          knot("afsdb", "AFSDB", "1 afs.example.net."),
          knot("rt", "RT", "10 relay.example.net."),
          knot(
              "key",
              "KEY",
              "256 3 13 oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA=="),
          wire("aaaa", "AAAA", "2001:db8::1", "20010db8000000000000000000000001"),
          knot("loc", "LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"),
          knot("srv", "SRV", "0 5 5060 sip.example.net."),
          knot(
              "naptr",
              "NAPTR",
              "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:customer-service@example.com!\" _sip._udp.example.com."),
          knot("kx", "KX", "10 kx.example.net."),
          knot(
              "cert",
              "CERT",
              "PGP 0 0 MxFcby9k/yvedMfQgKzhH5er0Mu/vILz45IkskceFGgiWCn/GxHhai6VAuHAoNUz4YoU1tVfSCSqQYn6//11U6Nld80jEeC8aTrO+KKmCaY="),
          knot("dname", "DNAME", "example.net."),
          knot("apl", "APL", "1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32"),
          knot("ds", "DS", "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"),
          knot(
              "sshfp",
              "SSHFP",
              "4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789"),
          knot(
              "ipseckey",
              "IPSECKEY",
              "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="),
          knot(
              "rrsig",
              "RRSIG",
              "A 13 3 3600 20361101000000 20261101000000 12345 example.org. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o="),
          knot("nsec", "NSEC", "host.example.org. A MX RRSIG NSEC TYPE1234"),
          knot(
              "dnskey",
              "DNSKEY",
              "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxbjjmyOnKBpdTCuvzpFsvtB3S1Br0bNGZ7Xvkq0HMTTbO1A8PSNbSA=="),
          knot("dhcid", "DHCID", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="),
          wire(
              "nsec3",
              "NSEC3",
              "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG",
              "0101000c04aabbccdd14174eb2409fe28bcb4887a1836f957f0a8425e27b000722010000000290"),
          knot("nsec3param", "NSEC3PARAM", "1 0 12 aabbccdd"),
          knot(
              "tlsa",
              "TLSA",
              "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"),
          knot(
              "smimea",
              "SMIMEA",
              "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"),
          knot("cds", "CDS", "0 0 0 00"),
          knot("cdnskey", "CDNSKEY", "0 3 0 AA=="),
          knot(
              "openpgpkey",
              "OPENPGPKEY",
              "mQINBFit2jsBEADrbl5vjVxYeAE0g0IDYCBpHirv1Sjlqxx5gjtPhb2YhvyDMXjq"),
          wire("csync", "CSYNC", "66 3 A NS AAAA", "000000420003000460000008"),
          wire(
              "zonemd",
              "ZONEMD",
              "2018031900 1 1 c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c",
              "7848b91c0101c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c"),
          knot("svcb", "SVCB", "1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1"),
          knot("https", "HTTPS", "1 . alpn=h2"),
          newer(
              "_dsync",
              "DSYNC",
              "CDS 1 5359 cds-scanner.example.net.",
              "003b0114ef0b6364732d7363616e6e6572076578616d706c65036e657400"),
          knot("spf", "SPF", "\"v=spf1 -all\""),
          wire("nid", "NID", "10 0014:4fff:ff20:ee64", "000a00144fffff20ee64"),
          wire("l32", "L32", "10 10.1.2.0", "000a0a010200"),
          wire("l64", "L64", "10 2001:0DB8:1140:1000", "000a20010db811401000"),
          wire(
              "lp",
              "LP",
              "10 l64-subnet1.example.com.",
              "000a0b6c36342d7375626e657431076578616d706c6503636f6d00"),
          wire("eui48", "EUI48", "00-00-5e-00-53-2a", "00005e00532a"),
          wire("eui64", "EUI64", "00-00-5e-ef-10-00-00-2a", "00005eef1000002a"),
          knot("uri", "URI", "10 1 \"ftp://ftp1.example.com/public\""),
          knot("caa", "CAA", "0 issue \"ca.example.net; account=230123\""),
          newer(
              "resinfo",
              "RESINFO",
              "qnamemin exterr=15,16,17 infourl=https://resolver.example.com/guide",
              "08716e616d656d696e0f6578746572723d31352c31362c31372a696e666f75726c3d68747470733a2f2f7265736f6c7665722e6578616d706c652e636f6d2f6775696465"),
          newer(
              "wallet",
              "WALLET",
              "\"BTC\" \"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\"",
              "034254432a62633171617230737272723778666b7679356c3634336c79646e77397265353967747a7a7766356d6471"),
          wire("unknown", "TYPE65280", "\\# 4 0A000001", "0a000001"));

  /** The zone as this server reads it. */
  static String zone() {
    StringBuilder z = new StringBuilder(HEAD);
    for (Row r : ROWS) {
      z.append(r.owner()).append(' ').append(r.type()).append(' ').append(r.data()).append('\n');
    }
    return z.toString();
  }

  /** The same zone for Knot 3.2: the types it cannot parse in the generic form. */
  static String zoneForKnot() {
    StringBuilder z = new StringBuilder(HEAD);
    for (Row r : ROWS) {
      z.append(r.owner()).append(' ');
      if (r.knot243()) {
        z.append(r.type()).append(' ').append(r.data());
      } else {
        z.append("TYPE")
            .append(
                RecordTypes.value(
                    r.type().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    0,
                    r.type().length(),
                    false))
            .append(" \\# ")
            .append(r.wire().length() / 2)
            .append(' ')
            .append(r.wire());
      }
      z.append('\n');
    }
    return z.toString();
  }
}
