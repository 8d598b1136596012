package cluster

import (
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/internal/gcpolicy"
	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/controllers"
)

// scaleConfig is a cluster of n nodes with room for their pod ranges.
func scaleConfig(nodes int) Config {
	cfg := DefaultConfig()
	cfg.Nodes = nil
	for i := 0; i < nodes; i++ {
		cfg.Nodes = append(cfg.Nodes, NodeConfig{Name: fmt.Sprintf("node-%d", i+1)})
	}
	cfg.ClusterCIDR = netip.MustParsePrefix("100.64.0.0/10")
	cfg.NodeCIDR = netip.MustParsePrefix("172.16.0.0/16")
	cfg.EventBudget = 1 << 40
	cfg.Params.BootTime = time.Minute
	// The figure is the control plane's: API server, controllers,
	// scheduler, kubelets, endpoints. kube-proxy's own figures (rule
	// generation on one node at this size) are its benchmarks'; a
	// thousand full kube-proxies each holding every rule are out of
	// reach of this model for now.
	cfg.NoKubeProxy = true
	return cfg
}

// applyApps creates services Deployments of replicas pods each, and a
// Service selecting each, as `kubectl apply` would.
func applyApps(tb testing.TB, c *Cluster, services, replicas int) {
	r := int32(replicas)
	for i := 0; i < services; i++ {
		name := fmt.Sprintf("app-%05d", i)
		labels := map[string]string{"app": name}
		if _, err := c.API.Create(&api.Deployment{
			ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
			Spec: api.DeploymentSpec{Replicas: &r, Selector: &api.LabelSelector{MatchLabels: labels},
				Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: labels},
					Spec: api.PodSpec{Containers: []api.Container{{Name: "web", Image: "nginx:1.27", Ports: []api.ContainerPort{{ContainerPort: 80}}}}}}},
		}); err != nil {
			tb.Fatal(err)
		}
		if _, err := c.API.Create(&api.Service{
			ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"},
			Spec:       api.ServiceSpec{Selector: labels, Ports: []api.ServicePort{{Port: 80}}},
		}); err != nil {
			tb.Fatal(err)
		}
	}
}

// settled reports whether every Service has all its pods as ready
// endpoints.
func settled(c *Cluster, services, replicas int) error {
	for i := 0; i < services; i++ {
		name := fmt.Sprintf("app-%05d", i)
		o, ok := c.API.Get("Endpoints", "default", name)
		if !ok {
			return fmt.Errorf("no Endpoints %s", name)
		}
		n := 0
		for _, ss := range o.(*api.Endpoints).Subsets {
			n += len(ss.Addresses)
		}
		if n != replicas {
			return fmt.Errorf("Endpoints %s has %d ready addresses, want %d", name, n, replicas)
		}
	}
	return nil
}

func runScale(tb testing.TB, nodes, services, replicas int) *Cluster {
	c, err := New(scaleConfig(nodes))
	if err != nil {
		tb.Fatal(err)
	}
	applyApps(tb, c, services, replicas)
	// Readiness probes run for as long as pods do, so the queue never
	// empties: run a minute of simulated time, far more than settling
	// takes (pods start in 2s).
	if err := c.Engine.RunUntil(c.Engine.Now() + time.Minute); err != nil {
		tb.Fatal(err)
	}
	if err := settled(c, services, replicas); err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestScaleSmall(t *testing.T) {
	c := runScale(t, 10, 50, 4)
	ready := 0
	for _, o := range c.API.List("Pod", "default") {
		if controllers.PodReady(o.(*api.Pod)) {
			ready++
		}
	}
	if ready != 200 {
		t.Errorf("%d ready pods, want 200", ready)
	}
}

// BenchmarkScale is the foundation issue's figure: a cluster of 1,000
// nodes, 10,000 Services and 100,000 pods applied until every endpoint
// has settled, with the trace and state recording on, without
// kube-proxy (see scaleConfig). Run with -benchtime=1x.
func BenchmarkScale(b *testing.B) {
	// As cmd/svcsim runs: gcpolicy.Percent unless the environment sets GOGC.
	gcpolicy.Apply()
	for _, size := range []struct{ nodes, services, replicas int }{{100, 1000, 10}, {1000, 10000, 10}} {
		b.Run(fmt.Sprintf("nodes=%d/services=%d/pods=%d", size.nodes, size.services, size.services*size.replicas), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c := runScale(b, size.nodes, size.services, size.replicas)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(c.Engine.Dispatched()), "events")
				b.ReportMetric(float64(c.Engine.Trace().Len()), "records")
				b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
				if kb, ok := peakRSSKiB(); ok {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
				}
			}
		})
	}
}

// peakRSSKiB reads the process's peak resident set (VmHWM) on Linux; the
// figure covers the whole process, so it is the largest size run so far.
func peakRSSKiB() (int, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb, err == nil
		}
	}
	return 0, false
}
