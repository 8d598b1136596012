// Package capture writes the frames and packets of a simulation run to a
// capture file that Wireshark, tshark and tcpdump open: the classic
// libpcap file format (magic 0xa1b2c3d4, version 2.4, microsecond
// timestamps, snaplen 65535, LINKTYPE_ETHERNET = 1), one record per frame,
// the frame as libpcap hands it over on Linux: Ethernet II header and
// payload, padded to the 60-byte minimum, without the FCS.
//
// The encodings are the real wire formats, built with gopacket's layers:
//
//   - Ethernet II (IEEE 802.3 clause 3.2, DIX type field);
//   - ARP for Ethernet/IPv4 (RFC 826): hardware type 1, protocol 0x0800,
//     lengths 6 and 4, request/reply, gratuitous as the model gives it;
//   - IPv4 (RFC 791): IHL 5, no options, TOS 0, ID the low 16 bits of
//     the model's packet ID, DF set as Linux sets it (TCP, UDP and ping's
//     echo requests; not on the kernel's own ICMP: echo replies, errors),
//     TTL from the packet (64 when unset), header checksum;
//   - TCP (RFC 9293) as Linux 6.x sends it with net.ipv4.tcp_timestamps=0:
//     SYN and SYN-ACK carry MSS 1460, NOP, NOP, SACK permitted, NOP,
//     window scale 7 and window 64240; later segments carry
//     window 502 (64256 scaled), no options; RST windows are 0. The model
//     has no sequence numbers: see tcp.go for how they are derived;
//   - UDP (RFC 768) with its checksum; a DNS message payload is packed
//     with miekg/dns (RFC 1035 wire format);
//   - ICMP (RFC 792): echo request/reply with busybox ping's 56 data
//     bytes (a 4-byte microsecond stamp, then zeros; the reply echoes
//     the request's data), and errors quoting the offending datagram as
//     Linux's icmp_send does: as much of it as fits in a 576-byte
//     datagram (RFC 1812 §4.3.2.3), at least its IP header and 8 bytes;
//   - HTTP/1.1 (RFC 9112) as text: requests as curl 8, busybox wget or Go's
//     net/http client put them on the wire (by User-Agent), responses as
//     a Go net/http server writes them (status line with reason phrase,
//     Content-Type set or sniffed, Date, Content-Length, body).
//
// Timestamps are the run's virtual time after Epoch (2026-01-01 00:00:00
// UTC), so the same run gives a byte-identical file. Packets captured
// where the model has no layer 2 get the Ethernet addresses the caller
// passes, for instance l2.MACFromIP of their IPv4 addresses (Docker's scheme,
// 02:42 followed by the four address bytes).
package capture
