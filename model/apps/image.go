package apps

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/network"
)

// Image describes how a container built from an image behaves.
type Image struct {
	// Repository is the image name without registry host or tag, as
	// matched: "kiamol/ch03-sleep".
	Repository string
	// Ports are the TCP ports the program listens on, whatever the pod
	// spec declares (containerPort is informational to the kernel).
	Ports []uint16
	// UseDeclaredPorts makes the program listen on the container ports
	// the pod declares (a generic server).
	UseDeclaredPorts bool
	// ExitsOnTerm says whether the program exits when the kubelet sends
	// SIGTERM; if not, it runs until SIGKILL at the end of the grace
	// period (a shell or sleep as PID 1 ignores SIGTERM).
	ExitsOnTerm bool
	// Shell says whether `kubectl exec` can run commands in it.
	Shell bool
	// Tools lists the client tools the image has: "ping", "curl",
	// "wget", "nslookup".
	Tools []string
	// CurlVersion is the curl release the image ships, which decides
	// the wording of curl's errors.
	CurlVersion string
	// Handler answers HTTP requests on the image's ports.
	Handler func(env Env, ctx *network.ServeCtx, req *network.HTTPRequest)
	// UDPPorts are the UDP ports the program listens on, served by
	// UDPHandler (CoreDNS on 53, once the cluster wires its server in).
	UDPPorts   []uint16
	UDPHandler func(env Env, ctx *network.UDPCtx, payload any)
	// Libc is the C library the image's programs resolve names with:
	// "musl" (Alpine, busybox) or "" for glibc. It decides the search
	// walk (model/dns.Libc).
	Libc string
}

// Env is what a running container knows about itself.
type Env struct {
	Pod      string            // namespace/name
	Hostname string            // the pod name
	Vars     map[string]string // its environment
	// Random returns a number in [0, n) from the seed.
	Random func(n int) int
}

// HasTool reports whether the image ships a tool.
func (im *Image) HasTool(t string) bool {
	for _, x := range im.Tools {
		if x == t {
			return true
		}
	}
	return false
}

// Registry resolves image references to behaviours.
type Registry struct {
	images map[string]*Image
}

// NewRegistry returns a registry holding the built-in images.
func NewRegistry() *Registry {
	r := &Registry{images: map[string]*Image{}}
	for _, im := range builtins() {
		r.Add(im)
	}
	return r
}

// Add registers (or replaces) an image.
func (r *Registry) Add(im *Image) { r.images[im.Repository] = im }

// Repository strips the registry host and the tag or digest from an
// image reference: "docker.io/kiamol/ch03-sleep:latest" → "kiamol/ch03-sleep".
func Repository(ref string) string {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	parts := strings.Split(ref, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		parts = parts[1:]
	}
	if len(parts) == 2 && parts[0] == "library" {
		parts = parts[1:]
	}
	return strings.Join(parts, "/")
}

// Lookup returns the behaviour of an image reference. Unknown images are
// generic servers on their declared ports.
func (r *Registry) Lookup(ref string) *Image {
	if im, ok := r.images[Repository(ref)]; ok {
		return im
	}
	return &Image{Repository: Repository(ref), UseDeclaredPorts: true, ExitsOnTerm: true, Handler: generic}
}

func generic(env Env, ctx *network.ServeCtx, req *network.HTTPRequest) {
	ctx.Respond(&network.HTTPResponse{Status: 200, ContentType: "text/plain", Body: fmt.Sprintf("Hello from %s\n", env.Hostname)})
}

// StopDelay is how long a program that exits on SIGTERM takes to do so.
const StopDelay = 100 * time.Millisecond
