package dns

import (
	"fmt"
	"strings"
)

// KubeadmCorefile is kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns,
// kubeadm 1.32+), the default configuration of the model.
const KubeadmCorefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`

// token is one Corefile word with its line.
type token struct {
	text string
	line int
}

// directive is one line of a server block: name, arguments and an optional
// nested block of sub-directives.
type directive struct {
	name  token
	args  []token
	block []directive
}

// ParseError is a Corefile error, worded as CoreDNS words it.
type ParseError struct {
	Line   int
	Plugin string // "" for the Corefile itself
	Msg    string
}

func (e *ParseError) Error() string {
	s := fmt.Sprintf("Corefile:%d - Error during parsing: %s", e.Line, e.Msg)
	if e.Plugin != "" {
		s = "plugin/" + e.Plugin + ": " + s
	}
	return s
}

func errf(t token, plugin, format string, a ...any) error {
	return &ParseError{Line: t.line, Plugin: plugin, Msg: fmt.Sprintf(format, a...)}
}

// tokenize splits Corefile text into words: whitespace separated, "#" starts
// a comment, double quotes group, "{" and "}" are words of their own when
// they stand alone or end/start a word.
func tokenize(text string) ([]token, error) {
	var out []token
	for n, line := range strings.Split(text, "\n") {
		ln := n + 1
		for i := 0; i < len(line); {
			c := line[i]
			switch {
			case c == ' ' || c == '\t' || c == '\r':
				i++
				continue
			case c == '#':
				i = len(line)
				continue
			case c == '"':
				j := strings.IndexByte(line[i+1:], '"')
				if j < 0 {
					return nil, &ParseError{Line: ln, Msg: "unterminated quoted string"}
				}
				out = append(out, token{line[i+1 : i+1+j], ln})
				i += j + 2
				continue
			}
			j := i
			for j < len(line) && !strings.ContainsRune(" \t\r", rune(line[j])) {
				j++
			}
			out = append(out, token{line[i:j], ln})
			i = j
		}
	}
	return out, nil
}

// serverBlock is one `KEYS { directives }`.
type serverBlock struct {
	keys []token
	dirs []directive
}

func parseBlocks(toks []token) ([]serverBlock, error) {
	var blocks []serverBlock
	for i := 0; i < len(toks); {
		var b serverBlock
		for i < len(toks) && toks[i].text != "{" {
			b.keys = append(b.keys, token{strings.TrimSuffix(toks[i].text, ","), toks[i].line})
			i++
		}
		if i == len(toks) {
			return nil, errf(toks[len(toks)-1], "", "Unexpected EOF")
		}
		dirs, next, err := parseDirectives(toks, i+1)
		if err != nil {
			return nil, err
		}
		b.dirs, i = dirs, next
		blocks = append(blocks, b)
	}
	return blocks, nil
}

// parseDirectives reads directives until the "}" closing the block opened
// before start; it returns the index after that "}".
func parseDirectives(toks []token, start int) ([]directive, int, error) {
	var dirs []directive
	i := start
	for i < len(toks) {
		t := toks[i]
		if t.text == "}" {
			return dirs, i + 1, nil
		}
		if t.text == "{" {
			return nil, 0, errf(t, "", "Unexpected '{'")
		}
		d := directive{name: t}
		i++
		for i < len(toks) && toks[i].line == t.line && toks[i].text != "{" && toks[i].text != "}" {
			d.args = append(d.args, toks[i])
			i++
		}
		if i < len(toks) && toks[i].text == "{" && toks[i].line == t.line {
			sub, next, err := parseDirectives(toks, i+1)
			if err != nil {
				return nil, 0, err
			}
			d.block, i = sub, next
		}
		dirs = append(dirs, d)
	}
	last := toks[len(toks)-1]
	return nil, 0, errf(last, "", "Unexpected EOF")
}
