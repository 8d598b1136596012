package capture

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/svcsim/svcsim/model/l2"
	"github.com/svcsim/svcsim/model/network"
)

// Epoch is the wall-clock time of virtual time 0 in a capture file: a
// fixed date, so that a run's file is the same bytes every time.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Snaplen is the file header's snapshot length, tcpdump's historical
// default: longer frames are cut to it (the record keeps their length).
const Snaplen = 65535

// ErrUnsupported is returned by Encode and the Writer's methods when a
// frame or packet has no wire encoding here: an ethertype other than ARP
// and IPv4, a non-IPv4 address, an unknown protocol or payload type.
var ErrUnsupported = errors.New("no wire encoding")

// Writer writes frames to a libpcap capture file. It keeps what the wire
// formats need beyond one frame: each TCP flow's sequence numbers and the
// data of ping's echo requests, which the replies echo. The zero Writer
// is not usable; call NewWriter.
type Writer struct {
	pw  *pcapgo.Writer
	enc *encoder
}

// NewWriter writes the file header (libpcap 2.4, microseconds, snaplen
// 65535, LINKTYPE_ETHERNET) to w and returns a Writer for the records.
func NewWriter(w io.Writer) (*Writer, error) {
	pw := pcapgo.NewWriter(w)
	if err := pw.WriteFileHeader(Snaplen, layers.LinkTypeEthernet); err != nil {
		return nil, fmt.Errorf("capture: file header: %w", err)
	}
	return &Writer{pw: pw, enc: newEncoder()}, nil
}

// WriteFrame appends one record: the frame's bytes, stamped at Epoch+at
// (truncated to the microsecond, the file's resolution). An IPv4 frame's
// Payload is a network.Packet (or *network.Packet).
func (w *Writer) WriteFrame(at time.Duration, f l2.Frame) error {
	b, err := w.enc.frame(at, f)
	if err != nil {
		return err
	}
	return w.record(at, b)
}

// WritePacket appends one record for a packet seen where the model has
// no layer 2 (a cluster without a switch): an Ethernet II frame from src
// to dst carrying p.
func (w *Writer) WritePacket(at time.Duration, src, dst l2.MAC, p network.Packet) error {
	return w.WriteFrame(at, l2.Frame{Dst: dst, Src: src, Type: l2.EtherTypeIPv4, Payload: p})
}

func (w *Writer) record(at time.Duration, b []byte) error {
	ci := gopacket.CaptureInfo{Timestamp: Epoch.Add(at), CaptureLength: len(b), Length: len(b)}
	if len(b) > Snaplen {
		ci.CaptureLength, b = Snaplen, b[:Snaplen]
	}
	if err := w.pw.WritePacket(ci, b); err != nil {
		return fmt.Errorf("capture: record at %s: %w", at, err)
	}
	return nil
}

// Encode returns the bytes of one frame as a capture would hold them, as
// if it were the first frame of a capture at time 0: a TCP segment gets
// the sequence numbers of its flow's start.
func Encode(f l2.Frame) ([]byte, error) {
	return newEncoder().frame(0, f)
}
