package kubeproxy

import (
	"testing"
	"time"
)

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	if c.MasqueradeBit != 14 || !c.LocalhostNodePorts || c.MasqueradeAll || c.SyncPeriod != 30*time.Second ||
		c.MinSyncPeriod != time.Second || c.DetectLocalMode != DetectLocalClusterCIDR || c.NodePortAddresses != nil {
		t.Errorf("DefaultConfig() = %+v, want kube-proxy v1.36 defaults", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v, want nil", err)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"masqueradeBit 31 ok", func(c *Config) { c.MasqueradeBit = 31 }, ""},
		{"masqueradeBit 32", func(c *Config) { c.MasqueradeBit = 32 },
			"KubeProxyConfiguration.IPTables.MasqueradeBit: Invalid value: 32: must be within the range [0, 31]"},
		{"masqueradeBit -1", func(c *Config) { c.MasqueradeBit = -1 },
			"KubeProxyConfiguration.IPTables.MasqueradeBit: Invalid value: -1: must be within the range [0, 31]"},
		{"negative minSyncPeriod", func(c *Config) { c.MinSyncPeriod = -time.Second },
			`KubeProxyConfiguration.MinSyncPeriod: Invalid value: "-1s": must be greater than or equal to 0`},
		{"zero syncPeriod", func(c *Config) { c.SyncPeriod = 0 },
			`KubeProxyConfiguration.SyncPeriod: Invalid value: "0s": must be greater than 0, ` +
				`KubeProxyConfiguration.SyncPeriod: Invalid value: "1s": must be greater than or equal to KubeProxyConfiguration.MinSyncPeriod`},
		{"minSyncPeriod above syncPeriod", func(c *Config) { c.MinSyncPeriod = time.Minute },
			`KubeProxyConfiguration.SyncPeriod: Invalid value: "1m0s": must be greater than or equal to KubeProxyConfiguration.MinSyncPeriod`},
		{"unknown detectLocalMode", func(c *Config) { c.DetectLocalMode = "Magic" },
			`KubeProxyConfiguration.DetectLocalMode: Unsupported value: "Magic": supported values: "BridgeInterface", "ClusterCIDR", "InterfaceNamePrefix", "NodeCIDR"`},
		{"bad nodePortAddresses", func(c *Config) { c.NodePortAddresses = []string{"10.0.0.0/8", "nonsense"} },
			`KubeProxyConfiguration.NodePortAddresses[1]: Invalid value: "nonsense": must be a valid CIDR`},
		{"primary alone ok", func(c *Config) { c.NodePortAddresses = []string{"primary"} }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.change(&c)
			got := ""
			if err := c.Validate(); err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("Validate() = %q, want %q", got, tc.want)
			}
		})
	}
}
