package kubeproxy

import "slices"

// The restore payload (§6.1), in kube-proxy's layout:
//
//	*filter, chain lines, KUBE-FIREWALL rule, services' filter rules,
//	KUBE-FORWARD rules, COMMIT                                  ┐
//	*nat, chain lines (fixed, services', stale),                │ the head
//	KUBE-POSTROUTING and KUBE-MARK-MASQ rules                   ┘
//	each service's KUBE-SERVICES/KUBE-NODEPORTS rules and,
//	if written, its own chains                                    the body
//	"-X" lines, the NodePort dispatch rule, COMMIT                the tail
//
// The body is nearly all of a large payload. A sync writes it straight into
// the payload buffer, service by service as each fragment is built, from an
// offset left free for the head; the head, known only once every service
// has been visited, is then copied in front of it. The proxier keeps two
// buffers and alternates: a service that did not change copies its body
// text from the other one (the last sync's payload), where its fragment
// recorded the offsets.

// payloadBuf is one of the proxier's two payload buffers.
type payloadBuf struct {
	b    []byte
	body int // where the body starts in b
}

// text returns the body text [from, to) of the buffer.
func (pb *payloadBuf) text(from, to int) []byte { return pb.b[pb.body+from : pb.body+to] }

// payloadWriter is the state of the payload during one Sync.
type payloadWriter struct {
	prev, cur *payloadBuf
	b         []byte // cur's buffer, the body being appended
	head      []byte // filter table and the nat table's first chain lines
	decls     []byte // services' and stale chain lines, KUBE-POSTROUTING, KUBE-MARK-MASQ
}

// beginPayload switches to the other buffer and writes the start of the head.
func (p *Proxier) beginPayload() {
	w := &p.pw
	w.prev = &p.bufs[p.cur]
	p.cur ^= 1
	w.cur = &p.bufs[p.cur]
	// Room for a head a little larger than the last one, and for a body as
	// large as the last one (so that a large payload is not built by
	// doubling the buffer).
	room := p.lastHead + p.lastHead/8 + 4096
	if need := room + len(w.prev.b) - w.prev.body; cap(w.cur.b) < need {
		w.cur.b = make([]byte, 0, need+need/16)
	}
	w.b = w.cur.b[:room]
	w.cur.body = room
	w.head = p.appendFilterHead(w.head[:0], FormPayload)
	w.decls = w.decls[:0]
}

// writeService adds one service port to the payload: its filter rules and
// chain lines to the head, its nat rules to the body. built says its
// fragment was rebuilt in this sync, so its rules are rendered from the
// fresh data; otherwise their text is copied from the last payload.
func (p *Proxier) writeService(e *portEntry, built bool) {
	w, f := &p.pw, &e.frag
	w.head = append(w.head, f.filterText...)
	if e.written {
		for _, c := range f.chains {
			w.decls = appendChainLine(w.decls, c)
		}
	}
	b := w.b
	body := w.cur.body
	front, chain, end := f.front, f.chain, f.end
	f.front = len(b) - body
	if built {
		b = appendRules(b, f.natFront)
	} else {
		b = append(b, w.prev.text(front, chain)...)
	}
	f.chain, f.end = len(b)-body, -1
	if e.written {
		if built || end < 0 {
			b = appendRules(b, f.natChain)
		} else {
			b = append(b, w.prev.text(chain, end)...)
		}
		f.end = len(b) - body
	}
	w.b = b
}

// finishPayload writes the tail, puts the head in front of the body and
// returns the payload.
func (p *Proxier) finishPayload() []byte {
	w := &p.pw
	w.head = p.appendNATHead(w.head, FormPayload)
	w.decls = p.appendStaleDecls(w.decls)
	w.decls = appendRulesForm(w.decls, p.fixed.natHead, FormPayload)
	b := p.appendTail(w.b, FormPayload)
	body := w.cur.body
	n := len(w.head) + len(w.decls)
	if n > body {
		// The head outgrew its room: move the body (offsets are relative to it).
		grow := n - body
		b = slices.Grow(b, grow)
		b = b[:len(b)+grow]
		copy(b[n:], b[body:len(b)-grow])
		body = n
	}
	start := body - n
	copy(b[start:], w.head)
	copy(b[start+len(w.head):], w.decls)
	w.cur.b, w.cur.body = b, body
	p.lastHead = n
	return b[start:]
}

// AppendPayload appends the restore payload of the last sync in the given
// form (FormPayload or FormTest), in kube-proxy's layout (§6.1): services in
// svcsim's order (namespace, name, port name, protocol).
func (p *Proxier) AppendPayload(b []byte, f Form) []byte {
	b = p.appendFilterHead(b, f)
	for _, e := range p.order {
		b = append(b, e.frag.filterText...)
	}
	b = p.appendNATHead(b, f)
	for _, e := range p.order {
		if e.written {
			for _, c := range e.frag.chains {
				b = appendChainLine(b, c)
			}
		}
	}
	b = p.appendStaleDecls(b)
	b = appendRulesForm(b, p.fixed.natHead, f)
	cur := &p.bufs[p.cur]
	for _, e := range p.order {
		fr := &e.frag
		b = append(b, cur.text(fr.front, fr.chain)...)
		if e.written {
			b = append(b, cur.text(fr.chain, fr.end)...)
		}
	}
	return p.appendTail(b, f)
}

// appendFilterHead appends the filter table up to the services' rules.
func (p *Proxier) appendFilterHead(b []byte, f Form) []byte {
	b = append(b, "*filter\n"...)
	for _, c := range [...]string{chainServices, chainExternalServices, chainForward, chainNodePorts, chainProxyFirewall} {
		b = appendChainLine(b, c)
	}
	if len(p.fixed.filterFirewall) > 0 {
		b = appendChainLine(b, chainFirewall)
	}
	return appendRulesForm(b, p.fixed.filterFirewall, f)
}

// appendNATHead appends the end of the filter table and the nat table's
// fixed chain lines.
func (p *Proxier) appendNATHead(b []byte, f Form) []byte {
	b = appendRulesForm(b, p.fixed.filterForward, f)
	b = append(b, "COMMIT\n*nat\n"...)
	for _, c := range [...]string{chainServices, chainNodePorts, chainPostrouting, chainMarkMasq} {
		b = appendChainLine(b, c)
	}
	return b
}

func (p *Proxier) appendStaleDecls(b []byte) []byte {
	for _, c := range p.lastStale {
		b = appendChainLine(b, c)
	}
	return b
}

// appendTail appends the "-X" lines, the NodePort dispatch rule and COMMIT.
func (p *Proxier) appendTail(b []byte, f Form) []byte {
	for _, c := range p.lastStale {
		b = append(b, "-X "...)
		b = append(b, c...)
		b = append(b, '\n')
	}
	b = appendRulesForm(b, p.fixed.natTail, f)
	return append(b, "COMMIT\n"...)
}

func appendRulesForm(b []byte, rules []Rule, f Form) []byte {
	for i := range rules {
		b = rules[i].AppendTo(b, f)
	}
	return b
}
