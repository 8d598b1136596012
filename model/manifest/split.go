package manifest

import (
	"bytes"
	"strings"
)

// chunk is one YAML document of a stream, as kubectl's YAMLReader cuts it.
type chunk struct {
	data  []byte
	first int    // file line of the chunk's first line, 1-based
	err   string // "invalid Yaml document separator: ..." when the cut failed
}

// splitDocuments cuts a stream at lines that start with "---", as
// k8s.io/apimachinery's YAMLReader does: only spaces or a comment may
// follow the separator, empty chunks are dropped, and each chunk is
// parsed on its own (so YAML error lines count from the chunk's start).
// JSON input (first non-space byte '{') is not cut, as kubectl's
// YAMLOrJSONDecoder hands it to a JSON decoder whole.
func splitDocuments(data []byte) []chunk {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return []chunk{{data: data, first: 1}}
	}
	var out []chunk
	var buf []byte
	start, line := 1, 0
	for len(data) > 0 {
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i+1], data[i+1:]
		} else {
			l, data = data, nil
		}
		line++
		if bytes.HasPrefix(l, []byte("---")) {
			trimmed := strings.TrimSpace(string(l[3:]))
			if trimmed != "" && trimmed[0] != '#' {
				if len(buf) > 0 {
					out = append(out, chunk{data: buf, first: start})
				}
				out = append(out, chunk{first: line, err: "invalid Yaml document separator: " + trimmed})
				return out
			}
			if len(buf) > 0 {
				out = append(out, chunk{data: buf, first: start})
			}
			buf, start = nil, line+1
			continue
		}
		if len(buf) == 0 {
			start = line
			buf = []byte{}
		}
		buf = append(buf, l...)
	}
	if len(buf) > 0 {
		out = append(out, chunk{data: buf, first: start})
	}
	return out
}
