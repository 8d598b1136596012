package netfilter

import "github.com/svcsim/svcsim/model/kubeproxy"

// traceText is what a traced walk prints of a rule, made the first time
// a traced walk matches the rule and kept while its table is loaded (the
// rules do not change then).
type traceText struct {
	rule string // the rule as iptables-save prints it
	jump string // "jump <chain>", for a jump rule
}

// trace returns the trace text of rule i of chain ch.
func (ct *ctable) trace(ch *cchain, i int) *traceText {
	if ct.texts == nil {
		ct.texts = make([]traceText, ct.nrules)
	}
	tt := &ct.texts[int(ch.first)+i]
	if tt.rule == "" {
		r := ct.cold[int(ch.first)+i].r
		b := r.AppendTo(nil, kubeproxy.FormKernel)
		tt.rule = string(b[:len(b)-1])
		if r.Target.Kind == kubeproxy.TargetJump {
			tt.jump = "jump " + r.Target.Chain
		}
	}
	return tt
}
