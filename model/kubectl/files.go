package kubectl

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/svcsim/svcsim/model/api"
	"github.com/svcsim/svcsim/model/dns"
	"github.com/svcsim/svcsim/model/shell"
)

// files returns the container's files as the kubelet keeps them.
func (px *process) files() map[string]string {
	key := px.pod.Namespace + "/" + px.pod.Name
	if f, ok := px.k.C.Kubelets[px.pod.Spec.NodeName].Files(key); ok {
		return f
	}
	return map[string]string{}
}

// systemFile returns the files the kubelet writes into every container:
// resolv.conf, hosts, hostname.
func (px *process) systemFile(path string) (string, bool) {
	switch path {
	case "/etc/resolv.conf":
		var dnsIP []netip.Addr
		if o, ok := px.k.C.API.Get("Service", "kube-system", "kube-dns"); ok {
			if ip, err := netip.ParseAddr(serviceIP(o)); err == nil {
				dnsIP = append(dnsIP, ip)
			}
		}
		return dns.KubeletResolvConf(px.pod.Namespace, "cluster.local", dnsIP, nil).String(), true
	case "/etc/hostname":
		return px.pod.Name + "\n", true
	case "/etc/hosts":
		return fmt.Sprintf("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n%s\t%s\n",
			px.pod.Status.PodIP, px.pod.Name), true
	}
	return "", false
}

// fileCommand runs busybox cat, touch, rm, ls and tee on the container's
// files (tee also writes what sh redirects to a file).
func (px *process) fileCommand(prog string, args []string, stdin string) Result {
	files := px.files()
	var out, errb strings.Builder
	exit := 0
	var names []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") || a == "-" {
			names = append(names, a)
		}
	}
	switch prog {
	case "cat":
		if len(names) == 0 {
			return Result{Stdout: stdin}
		}
		for _, n := range names {
			if text, ok := px.systemFile(n); ok {
				out.WriteString(text)
			} else if text, ok := files[n]; ok {
				out.WriteString(text)
			} else {
				fmt.Fprintf(&errb, "cat: can't open '%s': No such file or directory\n", n)
				exit = 1
			}
		}
	case "tee":
		for _, n := range names {
			if contains(args, "-a") {
				files[n] += stdin
			} else {
				files[n] = stdin
			}
		}
		out.WriteString(stdin)
	case "touch":
		for _, n := range names {
			if _, ok := files[n]; !ok {
				files[n] = ""
			}
		}
	case "rm":
		force := contains(args, "-f") || contains(args, "-rf")
		for _, n := range names {
			if _, ok := files[n]; ok {
				delete(files, n)
			} else if !force {
				fmt.Fprintf(&errb, "rm: can't remove '%s': No such file or directory\n", n)
				exit = 1
			}
		}
	case "ls":
		if len(names) == 0 {
			var all []string
			for n := range files {
				all = append(all, n)
			}
			sort.Strings(all)
			for _, n := range all {
				out.WriteString(n + "\n")
			}
		}
		for _, n := range names {
			if _, ok := files[n]; ok {
				out.WriteString(n + "\n")
			} else if _, ok := px.systemFile(n); ok {
				out.WriteString(n + "\n")
			} else {
				fmt.Fprintf(&errb, "ls: %s: No such file or directory\n", n)
				exit = 1
			}
		}
	}
	return Result{Stdout: out.String(), Stderr: errb.String(), Exit: exit}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sh runs `sh -c SCRIPT` with the busybox ash subset of model/shell;
// programs that take simulated time (ping, curl) run one after the other
// as in sh (shell.RunAsync).
func (px *process) sh(argv []string, done func(Result)) {
	if len(argv) < 3 || argv[1] != "-c" {
		done(Result{Stderr: "svcsim: only `sh -c SCRIPT` is modelled (no interactive shell: kubectl exec has no terminal here)\n", Exit: 2})
		return
	}
	env := map[string]string{"HOSTNAME": px.pod.Name}
	shell.RunAsync(argv[2], env, func(args []string, stdin string, finish func(string, string, int)) {
		px.run(args, stdin, func(r Result) {
			if r.startFailed { // inside sh, a missing program is sh's "not found"
				r = Result{Exit: 127}
			}
			finish(r.Stdout, r.Stderr, r.Exit)
		})
	}, func(out, errText string, code int) {
		done(Result{Stdout: out, Stderr: errText, Exit: code})
	})
}

func serviceIP(o interface{ Meta() *api.ObjectMeta }) string {
	if s, ok := o.(*api.Service); ok {
		return s.Spec.ClusterIP
	}
	return ""
}
