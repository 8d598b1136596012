package dns

import "errors"

// Errors a lookup can end in, as in CoreDNS plugin/kubernetes. All three
// are "name errors": NXDOMAIN (or fallthrough) rather than NODATA.
var (
	errNoItems        = errors.New("no items found")
	errNsNotExposed   = errors.New("namespace is not exposed")
	errInvalidRequest = errors.New("invalid query name")
)

func isNameError(err error) bool {
	return err == errNoItems || err == errNsNotExposed || err == errInvalidRequest
}

// recordRequest is a parsed query name (CoreDNS parse.go recordRequest),
// without the multicluster and zonal fields, which are not modelled.
type recordRequest struct {
	port      string // _port label, underscore stripped
	protocol  string // _proto label, underscore stripped
	endpoint  string
	service   string
	namespace string
	podOrSvc  string // "pod", "svc" or "" for apex-level names
	// svcKey is "<service>.<namespace>", the part of the name that holds
	// both (the Index's services key), when service is set.
	svcKey string
}

const (
	svcLabel = "svc"
	podLabel = "pod"
)

// maxLabels is the longest name parseRequest accepts below the zone:
// _port._proto.service.namespace.svc.
const maxLabels = 5

// parseRequest parses name (lower-cased, fully qualified) below zone. From
// the right: svc|pod, namespace, service, then one label (an endpoint) or two
// (port and protocol); anything longer is invalid (NXDOMAIN).
func parseRequest(name string, zoneLen int) (r recordRequest, err error) {
	base := trimZone(name, zoneLen)
	if base == "" || base == svcLabel || base == podLabel {
		return r, nil // NODATA for apex queries
	}
	var segs [maxLabels + 1]string
	var starts [maxLabels + 1]int
	n := 0
	end := len(base)
	for i := len(base) - 1; i >= -1; i-- {
		if i >= 0 && (base[i] != '.' || escaped(base, i)) {
			continue
		}
		if n == len(segs) {
			return r, errInvalidRequest
		}
		segs[n] = base[i+1 : end]
		starts[n] = i + 1
		n++
		end = i
	}
	r.podOrSvc = segs[0]
	if r.podOrSvc != podLabel && r.podOrSvc != svcLabel {
		return r, errInvalidRequest
	}
	if n >= 3 {
		r.svcKey = base[starts[2] : starts[1]+len(segs[1])]
	}
	switch n {
	case 5:
		r.protocol = stripUnderscore(segs[3])
		r.port = stripUnderscore(segs[4])
		fallthrough
	case 3:
		r.service = segs[2]
		fallthrough
	case 2:
		r.namespace = segs[1]
	case 4:
		r.endpoint = segs[3]
		r.service = segs[2]
		r.namespace = segs[1]
	case 6:
		return r, errInvalidRequest
	}
	return r, nil
}

// trimZone returns the labels of name left of the zone, without the dot.
func trimZone(name string, zoneLen int) string {
	b := name[:len(name)-zoneLen]
	if len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// escaped reports whether the byte at i is preceded by an odd number of
// backslashes (a "\." inside a label).
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func stripUnderscore(s string) string {
	if len(s) > 0 && s[0] == '_' {
		return s[1:]
	}
	return s
}
