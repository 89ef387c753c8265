// Package shodan reads Shodan's output into shellnet devices, networks,
// products and vendors, so that a question such as "whose products are
// seen on North Korea's network?" can be asked of the graph.
//
// An object is either one banner (the streaming and search API's shape,
// Shodan's banner specification at datapedia.shodan.io: ip_str, port,
// org, isp, asn, location.country_code, product, version, os, cpe, cpe23,
// timestamp) or a host object (the host API's and `shodan host`'s shape:
// the same host fields at the top, location flattened into country_code,
// and its banners in "data"). Objects may come one a line (the stream,
// `shodan download`, gzipped or not), printed over many lines, one after
// another, or in a JSON array; the file's layout does not change what is
// read. Each object becomes one record:
//
//   - a Device shodan-<ip> with the identifiers ip and asn, its country,
//     its host names as aliases, its ports, org and ISP;
//   - a Network shodan-as<number> (or shodan-net-<org> without an ASN),
//     named after the organisation, with the asn identifier and the
//     device's country, that the device is OBSERVED_IN;
//   - for each CPE of its banners, a Product shodan-product-<vendor>-<product>
//     (identifier cpe, the CPE without its version; the versions seen in
//     the versions property) that the device RUNS, MADE_BY a vendor Company
//     shodan-vendor-<vendor> tagged role.vendor, whose raw CPE vendor string
//     is kept as an alias ("microsoft" for Microsoft);
//   - a banner's product or os without a CPE becomes a Product named after
//     it; well-known operating systems (Windows, iOS, macOS, Android, Linux)
//     get their vendor's CPE so that they meet the same Product and vendor.
package shodan
