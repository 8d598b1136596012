package cluster

import (
	"strings"
	"testing"
	"time"

	mdns "github.com/miekg/dns"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/dns"
)

// podRecord asks the CoreDNS index for the A record of the pod name
// 1-2-3-4.default.pod.cluster.local built from ip, and returns the
// response code.
func podRecord(t *testing.T, c *Cluster, ip string) int {
	t.Helper()
	srv := dns.NewServer(c.DNS.cfg, c.DNS.Index(), nil, dns.Options{})
	q := new(mdns.Msg)
	q.SetQuestion(strings.ReplaceAll(ip, ".", "-")+".default.pod.cluster.local.", mdns.TypeA)
	return srv.Exchange(api.Epoch.Add(c.Engine.Now()), q).Rcode
}

// TestCoreDNSWatchesPodsOnlyWhenVerified: the kubernetes plugin runs a
// pod informer only under `pods verified`. Under kubeadm's `pods
// insecure` any dashed address answers and pod changes do not reach the
// index; switching to verified lists the pods, and new pods follow.
func TestCoreDNSWatchesPodsOnlyWhenVerified(t *testing.T) {
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	run := func(d time.Duration) {
		t.Helper()
		if err := c.Engine.RunUntil(c.Engine.Now() + d); err != nil {
			t.Fatal(err)
		}
	}
	create := func(name string) string {
		t.Helper()
		if _, err := c.API.Create(&api.Pod{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "web", Image: "nginx:1.27"}}}}); err != nil {
			t.Fatal(err)
		}
		run(10 * time.Second)
		o, _ := c.API.Get("Pod", "default", name)
		ip := o.(*api.Pod).Status.PodIP
		if ip == "" {
			t.Fatalf("pod %s has no IP", name)
		}
		return ip
	}
	setCorefile := func(mode string) {
		t.Helper()
		text := strings.Replace(dns.KubeadmCorefile, "pods insecure", "pods "+mode, 1)
		cm := &api.ConfigMap{ObjectMeta: api.ObjectMeta{Name: "coredns", Namespace: "kube-system"}, Data: map[string]string{"Corefile": text}}
		if old, ok := c.API.Get("ConfigMap", "kube-system", "coredns"); ok {
			cm.ResourceVersion = old.(*api.ConfigMap).ResourceVersion
			if _, err := c.API.Update(cm); err != nil {
				t.Fatal(err)
			}
		} else if _, err := c.API.Create(cm); err != nil {
			t.Fatal(err)
		}
		run(time.Second)
	}

	before := create("before")
	if c.DNS.watchPods {
		t.Fatal("CoreDNS watches pods under kubeadm's `pods insecure`")
	}
	if got := podRecord(t, c, "10.99.99.99"); got != mdns.RcodeSuccess {
		t.Errorf("insecure: a made-up address got rcode %d, want NOERROR", got)
	}

	setCorefile("verified")
	if got := podRecord(t, c, before); got != mdns.RcodeSuccess {
		t.Errorf("verified: the pod that existed before got rcode %d, want NOERROR", got)
	}
	after := create("after")
	if got := podRecord(t, c, after); got != mdns.RcodeSuccess {
		t.Errorf("verified: the pod created after got rcode %d, want NOERROR", got)
	}
	if got := podRecord(t, c, "10.99.99.99"); got != mdns.RcodeNameError {
		t.Errorf("verified: a made-up address got rcode %d, want NXDOMAIN", got)
	}

	setCorefile("disabled")
	if c.DNS.watchPods {
		t.Fatal("CoreDNS still watches pods under `pods disabled`")
	}
	if got := podRecord(t, c, after); got != mdns.RcodeNameError {
		t.Errorf("disabled: a pod name got rcode %d, want NXDOMAIN", got)
	}
}
