package kubeproxy

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// Every rule of a KUBE-SEP chain prints an address, so IPv4 addresses are
// printed from a table instead of digit by digit: the same text as
// netip.Addr.AppendTo.

// octetText[x] is the decimal text of x followed by a '.', octetLen[x] its length.
var octetText, octetLen = func() (t [256][4]byte, l [256]uint8) {
	for x := range 256 {
		s := strconv.Itoa(x) + "."
		copy(t[x][:], s)
		l[x] = uint8(len(s))
	}
	return t, l
}()

// appendAddr appends a.AppendTo's text.
func appendAddr(b []byte, a netip.Addr) []byte {
	if !a.Is4() {
		return a.AppendTo(b)
	}
	n := len(b)
	if cap(b)-n < 16 {
		b = append(b, make([]byte, 16)...)
	}
	b = b[:n+16]
	for _, x := range a.As4() {
		binary.LittleEndian.PutUint32(b[n:], binary.LittleEndian.Uint32(octetText[x][:]))
		n += int(octetLen[x])
	}
	return b[:n-1] // without the last '.'
}

// appendAddrPort appends ap.AppendTo's text.
func appendAddrPort(b []byte, ap netip.AddrPort) []byte {
	if !ap.Addr().Is4() {
		return ap.AppendTo(b)
	}
	b = appendAddr(b, ap.Addr())
	b = append(b, ':')
	return strconv.AppendUint(b, uint64(ap.Port()), 10)
}
