//go:build linux && amd64

package netfilter

// Kernel conformance: load svcsim's generated rules into a real kernel and
// compare its verdicts with the evaluator's.
//
// Method. Two network namespaces joined by a veth pair: "node" holds the
// rules (iptables-restore of Ruleset.AppendSave's iptables-save text) and the
// node's addresses on its veth end (192.168.0.2/24 primary, so MASQUERADE
// picks it); "client" is the rest of the world. A probe is one first packet
// (TCP SYN or UDP) with a unique source port, written with a raw socket:
// from the client namespace for remote sources (it enters the node through
// PREROUTING), from the node namespace for node-address sources (OUTPUT).
// After all probes of a cluster are sent, the kernel's verdict per probe is
// read back:
//   - a `conntrack -L` entry (only packets that got through the node are
//     confirmed) gives ACCEPT or DNAT to the reply tuple's source, and
//     masquerade when the reply destination is not the probe's source;
//   - otherwise an ICMP port-unreachable quoting the probe, captured with an
//     AF_PACKET socket in the node namespace, means REJECT;
//   - otherwise DROP.
// The evaluator's answer is the set of outcomes over every statistic draw
// (possiblePaths); the kernel's must be in it, with the same masquerade.
// Sources are unique enough that xt_recent affinity never narrows the set.
//
// It needs root, iptables-restore, conntrack and ip, and skips otherwise.

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/svcsim/svcsim/model/kubeproxy"
)

const (
	kernelClusters = 20
	kernelProbes   = 60
)

func kernelPrereqs(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("kernel conformance test skipped in -short mode")
	}
	if os.Geteuid() != 0 {
		t.Skip("kernel conformance test needs root (network namespaces, iptables)")
	}
	for _, tool := range []string{"iptables-restore", "conntrack", "ip"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("kernel conformance test needs %s: %v", tool, err)
		}
	}
	name := fmt.Sprintf("svcsim-probe-%d", os.Getpid())
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		t.Skipf("kernel conformance test cannot create a network namespace: %v: %s", err, out)
	}
	exec.Command("ip", "netns", "del", name).Run()
}

func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// netnsPair creates the node and client namespaces and returns their names.
func netnsPair(t *testing.T, id int) (nodeNS, clientNS string) {
	t.Helper()
	nodeNS, clientNS = fmt.Sprintf("svcsim-n%d-%d", os.Getpid(), id), fmt.Sprintf("svcsim-c%d-%d", os.Getpid(), id)
	run(t, "ip", "netns", "add", nodeNS)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", nodeNS).Run() })
	run(t, "ip", "netns", "add", clientNS)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", clientNS).Run() })
	n := func(args ...string) { run(t, append([]string{"ip", "netns", "exec", nodeNS}, args...)...) }
	c := func(args ...string) { run(t, append([]string{"ip", "netns", "exec", clientNS}, args...)...) }
	run(t, "ip", "link", "add", "vn", "netns", nodeNS, "type", "veth", "peer", "name", "vc", "netns", clientNS)
	n("ip", "link", "set", "lo", "up")
	n("ip", "link", "set", "vn", "up")
	n("ip", "addr", "add", "192.168.0.2/24", "dev", "vn")
	n("ip", "addr", "add", "192.168.1.2/32", "dev", "vn")
	n("ip", "addr", "add", "192.168.99.11/32", "dev", "vn")
	n("ip", "route", "add", "default", "via", "192.168.0.100", "dev", "vn")
	for _, kv := range []string{"net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.vn.rp_filter=0",
		"net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.vn.send_redirects=0", "net.ipv4.icmp_ratelimit=0",
		"net.ipv4.icmp_ratemask=0", "net.ipv4.conf.all.route_localnet=1"} {
		n("sysctl", "-qw", kv)
	}
	c("ip", "link", "set", "lo", "up")
	c("ip", "link", "set", "vc", "up")
	c("ip", "addr", "add", "192.168.0.100/24", "dev", "vc")
	c("ip", "route", "add", "default", "via", "192.168.0.2", "dev", "vc")
	c("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0")
	return nodeNS, clientNS
}

// inNetns runs f on a thread switched into the named namespace (sockets
// made there stay in it).
func inNetns(t *testing.T, name string, f func() error) {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	self, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		t.Fatal(err)
	}
	defer self.Close()
	target, err := os.Open("/run/netns/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	if _, _, e := syscall.RawSyscall(sysSetns, target.Fd(), syscall.CLONE_NEWNET, 0); e != 0 {
		t.Fatalf("setns %s: %v", name, e)
	}
	ferr := f()
	if _, _, e := syscall.RawSyscall(sysSetns, self.Fd(), syscall.CLONE_NEWNET, 0); e != 0 {
		panic(fmt.Sprintf("setns back: %v", e))
	}
	if ferr != nil {
		t.Fatal(ferr)
	}
}

func checksum(b []byte, sum uint32) uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// wire builds an IPv4 packet with a TCP SYN or a UDP header.
func wire(p Packet) []byte {
	l4len := 20
	if p.Proto == ProtoUDP {
		l4len = 8
	}
	b := make([]byte, 20+l4len)
	b[0], b[8], b[9] = 0x45, 64, byte(p.Proto)
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	src, dst := p.Src.As4(), p.Dst.As4()
	copy(b[12:], src[:])
	copy(b[16:], dst[:])
	l4 := b[20:]
	binary.BigEndian.PutUint16(l4[0:], p.SrcPort)
	binary.BigEndian.PutUint16(l4[2:], p.DstPort)
	if p.Proto == ProtoUDP {
		binary.BigEndian.PutUint16(l4[4:], 8)
	} else {
		binary.BigEndian.PutUint32(l4[4:], 1000)
		l4[12], l4[13] = 5<<4, 0x02 // data offset 5, SYN
		binary.BigEndian.PutUint16(l4[14:], 65535)
	}
	var pseudo uint32
	for i := 12; i < 20; i += 2 {
		pseudo += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	pseudo += uint32(p.Proto) + uint32(l4len)
	ck := 16
	if p.Proto == ProtoUDP {
		ck = 6
	}
	binary.BigEndian.PutUint16(l4[ck:], checksum(l4, pseudo))
	return b
}

func rawSocket() (int, error) {
	return syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW, syscall.IPPROTO_RAW)
}

func send(fd int, p Packet) {
	sa := &syscall.SockaddrInet4{Addr: p.Dst.As4()}
	syscall.Sendto(fd, wire(p), 0, sa) // EPERM when OUTPUT drops it: read from the capture instead
}

// captured reads the packets the node sent and returns the source ports
// of the probes answered with an ICMP port-unreachable (REJECT, or a UDP
// socket missing) and with a TCP RST (delivered to a closed local port).
func captured(fd int) (unreach, rst map[uint16]bool) {
	unreach, rst = map[uint16]bool{}, map[uint16]bool{}
	buf := make([]byte, 2048)
	for {
		n, _, err := syscall.Recvfrom(fd, buf, syscall.MSG_DONTWAIT)
		if err != nil {
			return unreach, rst
		}
		b := buf[:n]
		if n < 40 || b[0]>>4 != 4 {
			continue
		}
		l4 := b[int(b[0]&0xf)*4:]
		switch b[9] {
		case byte(ProtoTCP):
			if len(l4) >= 14 && l4[13]&0x04 != 0 {
				rst[binary.BigEndian.Uint16(l4[2:])] = true
			}
		case byte(ProtoICMP):
			if l4[0] != 3 || l4[1] != 3 || len(l4) < 8+20+4 {
				continue
			}
			inner := l4[8:]
			if iihl := int(inner[0]&0xf) * 4; len(inner) >= iihl+2 {
				unreach[binary.BigEndian.Uint16(inner[iihl:])] = true
			}
		}
	}
}

type kernelOutcome struct {
	kind string // "ACCEPT", "DNAT <addr:port>", "REJECT", "DROP"
	masq bool
}

// conntrackEntries parses `conntrack -L` into outcomes by original source port.
func conntrackEntries(t *testing.T, nodeNS string) map[uint16]kernelOutcome {
	t.Helper()
	out := map[uint16]kernelOutcome{}
	out0, err := exec.Command("ip", "netns", "exec", nodeNS, "conntrack", "-L").Output()
	if err != nil {
		t.Fatalf("conntrack -L: %v", err)
	}
	if os.Getenv("SVCSIM_KDEBUG") != "" {
		t.Logf("conntrack -L:\n%s", out0)
		t.Logf("%s", run(t, "ip", "netns", "exec", nodeNS, "iptables-save", "-c"))
	}
	sc := bufio.NewScanner(strings.NewReader(string(out0)))
	for sc.Scan() {
		var src, dst, sport, dport []string
		for _, f := range strings.Fields(sc.Text()) {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				continue
			}
			switch k {
			case "src":
				src = append(src, v)
			case "dst":
				dst = append(dst, v)
			case "sport":
				sport = append(sport, v)
			case "dport":
				dport = append(dport, v)
			}
		}
		if len(src) != 2 || len(sport) != 2 {
			continue
		}
		var sp uint16
		fmt.Sscan(sport[0], &sp)
		o := kernelOutcome{kind: "ACCEPT", masq: dst[1] != src[0]}
		if src[1] != dst[0] || sport[1] != dport[0] {
			o.kind = "DNAT " + src[1] + ":" + sport[1]
		}
		out[sp] = o
	}
	return out
}

func TestKernelConformance(t *testing.T) {
	kernelPrereqs(t)
	agreed, total, skipped := 0, 0, 0
	for id := range kernelClusters {
		rng := rand.New(rand.NewPCG(uint64(id), 99))
		c := randomCluster(rng, 4+rng.IntN(12))
		rs := c.ruleset(t)
		nodeNS, clientNS := netnsPair(t, id)
		restore := exec.Command("ip", "netns", "exec", nodeNS, "iptables-restore")
		restore.Stdin = strings.NewReader(string(rs.AppendSave(nil, kubeproxy.SaveOptions{})))
		if out, err := restore.CombinedOutput(); err != nil {
			t.Fatalf("cluster %d: iptables-restore: %v: %s", id, err, out)
		}
		local := NewNodeAddrs(testNodeAddrs...)
		var probes []Packet
		for len(probes) < kernelProbes {
			p := randomPacket(rng, c, local)
			if p.Src.IsLoopback() {
				continue // a loopback source cannot leave for a non-loopback destination
			}
			p.SrcPort = uint16(20000 + len(probes))
			probes = append(probes, p)
		}
		var capFd, clientFd, nodeFd int
		inNetns(t, nodeNS, func() (err error) {
			// ETH_P_ALL: protocol-specific packet sockets see no outgoing packets.
			capFd, err = syscall.Socket(syscall.AF_PACKET, syscall.SOCK_DGRAM, int(htons(syscall.ETH_P_ALL)))
			if err != nil {
				return err
			}
			nodeFd, err = rawSocket()
			return err
		})
		inNetns(t, clientNS, func() (err error) { clientFd, err = rawSocket(); return err })
		for _, p := range probes {
			if p.Local() {
				send(nodeFd, p)
			} else {
				send(clientFd, p)
			}
		}
		time.Sleep(200 * time.Millisecond)
		unreach, rst := captured(capFd)
		for _, fd := range []int{capFd, clientFd, nodeFd} {
			syscall.Close(fd)
		}
		entries := conntrackEntries(t, nodeNS)
		for _, p := range probes {
			want := evaluatorOutcomes(t, rs, local, p)
			if _, ok := want["LOCAL"]; ok && p.Local() && p.Proto == ProtoUDP {
				skipped++ // node to itself over UDP: a REJECT and a closed port look alike
				continue
			}
			delete(want, "LOCAL")
			got := kernelVerdict(p, entries, unreach, rst)
			total++
			if masq, ok := want[got.kind]; ok && (masq == got.masq || got.kind == "DROP" || got.kind == "REJECT") {
				agreed++
				continue
			}
			t.Errorf("cluster %d probe %v: kernel %s (masquerade %v), evaluator %v", id, p, got.kind, got.masq, want)
		}
	}
	t.Logf("kernel and evaluator agree on %d of %d packets over %d clusters (%d node-to-itself UDP probes not compared)", agreed, total, kernelClusters, skipped)
}

// kernelVerdict reads the kernel's verdict on a probe from what it left:
// a confirmed conntrack entry (the packet got through; a locally generated
// one is confirmed before INPUT sees it), an ICMP port-unreachable, a RST
// from a closed local port (the kernel deletes an entry whose only reply is
// a RST), or nothing (DROP).
func kernelVerdict(p Packet, entries map[uint16]kernelOutcome, unreach, rst map[uint16]bool) kernelOutcome {
	e, ok := entries[p.SrcPort]
	switch {
	case ok && (!p.Local() || e.kind != "ACCEPT"):
		return e
	case unreach[p.SrcPort]:
		return kernelOutcome{kind: "REJECT"}
	case ok:
		return e
	case rst[p.SrcPort]:
		return kernelOutcome{kind: "ACCEPT"}
	}
	return kernelOutcome{kind: "DROP"}
}

// evaluatorOutcomes maps each possible outcome of the probe to its masquerade.
func evaluatorOutcomes(t *testing.T, rs *kubeproxy.Ruleset, local AddrType, p Packet) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, path := range possiblePaths(t, rs, local, p, Env{MasqueradeAddr: addr(testNodeIP)}) {
		kind := "ACCEPT"
		switch {
		case path.Verdict.Dropped():
			kind = path.Verdict.Kind.String()
		case path.DNAT:
			kind = "DNAT " + path.After.DstAddrPort().String()
		}
		out[kind] = path.After.Src != p.Src // MASQUERADE to the packet's own address changes nothing
		if kind == "ACCEPT" && path.Delivered {
			out["LOCAL"] = false
		}
	}
	return out
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// sysSetns is setns(2) on linux/amd64 (the syscall package has no name for it).
const sysSetns = 308
