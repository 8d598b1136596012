package conntrack

import "time"

// Timeouts are the nf_conntrack timeout sysctls the model uses.
type Timeouts struct {
	TCPSynSent     time.Duration // nf_conntrack_tcp_timeout_syn_sent
	TCPSynRecv     time.Duration // nf_conntrack_tcp_timeout_syn_recv
	TCPEstablished time.Duration // nf_conntrack_tcp_timeout_established
	TCPFinWait     time.Duration // nf_conntrack_tcp_timeout_fin_wait
	TCPCloseWait   time.Duration // nf_conntrack_tcp_timeout_close_wait
	TCPLastAck     time.Duration // nf_conntrack_tcp_timeout_last_ack
	TCPTimeWait    time.Duration // nf_conntrack_tcp_timeout_time_wait
	TCPClose       time.Duration // nf_conntrack_tcp_timeout_close
	UDP            time.Duration // nf_conntrack_udp_timeout (unreplied, or replied within UDPStreamAfter)
	UDPStream      time.Duration // nf_conntrack_udp_timeout_stream
	ICMP           time.Duration // nf_conntrack_icmp_timeout
}

// Linux's defaults (net/netfilter/nf_conntrack_proto_*.c).
const (
	LinuxTCPSynSent     = 120 * time.Second
	LinuxTCPSynRecv     = 60 * time.Second
	LinuxTCPEstablished = 432000 * time.Second // 5 days
	LinuxTCPFinWait     = 120 * time.Second
	LinuxTCPCloseWait   = 60 * time.Second
	LinuxTCPLastAck     = 30 * time.Second
	LinuxTCPTimeWait    = 120 * time.Second
	LinuxTCPClose       = 10 * time.Second
	LinuxUDP            = 30 * time.Second
	LinuxUDPStream      = 120 * time.Second
	LinuxICMP           = 30 * time.Second

	// UDPStreamAfter: a UDP flow that has seen a reply and is still active
	// this long after its first packet becomes a stream (ASSURED, stream timeout).
	UDPStreamAfter = 2 * time.Second
)

// kube-proxy's conntrack settings (KubeProxyConntrackConfiguration defaults).
const (
	KubeProxyTCPEstablished = 24 * time.Hour // tcpEstablishedTimeout
	KubeProxyTCPCloseWait   = time.Hour      // tcpCloseWaitTimeout
)

// LinuxTimeouts returns the kernel's defaults.
func LinuxTimeouts() Timeouts {
	return Timeouts{
		TCPSynSent: LinuxTCPSynSent, TCPSynRecv: LinuxTCPSynRecv, TCPEstablished: LinuxTCPEstablished,
		TCPFinWait: LinuxTCPFinWait, TCPCloseWait: LinuxTCPCloseWait, TCPLastAck: LinuxTCPLastAck,
		TCPTimeWait: LinuxTCPTimeWait, TCPClose: LinuxTCPClose,
		UDP: LinuxUDP, UDPStream: LinuxUDPStream, ICMP: LinuxICMP,
	}
}

// KubeProxyTimeouts returns the timeouts on a node after kube-proxy set its
// sysctls at startup.
func KubeProxyTimeouts() Timeouts {
	t := LinuxTimeouts()
	t.TCPEstablished, t.TCPCloseWait = KubeProxyTCPEstablished, KubeProxyTCPCloseWait
	return t
}

// TCPState is a TCP connection's conntrack state.
type TCPState uint8

// TCP states, as conntrack prints them.
const (
	TCPNone TCPState = iota
	TCPSynSent
	TCPSynRecv
	TCPEstablished
	TCPFinWait
	TCPCloseWait
	TCPLastAck
	TCPTimeWait
	TCPClose
)

var tcpStateNames = [...]string{"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE"}

// String returns the state as conntrack -L prints it.
func (s TCPState) String() string { return tcpStateNames[s] }

func (t *Timeouts) tcp(s TCPState) time.Duration {
	switch s {
	case TCPSynSent:
		return t.TCPSynSent
	case TCPSynRecv:
		return t.TCPSynRecv
	case TCPEstablished:
		return t.TCPEstablished
	case TCPFinWait:
		return t.TCPFinWait
	case TCPCloseWait:
		return t.TCPCloseWait
	case TCPLastAck:
		return t.TCPLastAck
	case TCPTimeWait:
		return t.TCPTimeWait
	}
	return t.TCPClose
}
