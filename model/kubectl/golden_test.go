package kubectl

import "testing"

// transcripts are command sequences run in a fresh default cluster; their
// terminal output is compared with testdata/<name>.golden.
var transcripts = []struct {
	name   string
	script []string
}{
	{"simpleservice", []string{
		"kubectl create -f " + kbeRC,
		"kubectl create -f " + kbeSvc,
		"sleep 5s",
		"kubectl get pods -l app=sise",
		"kubectl describe pod -l app=sise",
		"kubectl get svc",
		"kubectl describe svc simpleservice",
		"kubectl scale --replicas=2 rc/rcsise",
		"sleep 5s",
		"kubectl get pods -l app=sise",
		"kubectl get pods -l app=sise -o wide",
		"kubectl describe rc rcsise",
		"kubectl delete svc simpleservice",
		"kubectl delete rc rcsise",
		"kubectl get pods -l app=sise",
		"sleep 5s",
		"kubectl get pods -l app=sise",
	}},
	{"kiamol-ch03-sleep", []string{
		"kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml",
		"sleep 1s",
		"kubectl wait --for=condition=Ready pod -l app=sleep-2",
		"kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'",
		"kubectl apply -f sleep/sleep2-service.yaml",
		"kubectl get svc sleep-2",
		"sleep 2s",
		"kubectl get endpoints sleep-2",
		"kubectl describe endpoints sleep-2",
		"kubectl describe endpointslices -l kubernetes.io/service-name=sleep-2",
		"kubectl delete pods -l app=sleep-2",
		"kubectl get endpoints sleep-2",
		"kubectl delete deploy sleep-2",
		"kubectl get endpoints sleep-2",
		"kubectl get svc --namespace default",
		"kubectl get svc -n kube-system",
		"kubectl delete deploy --all",
		"kubectl delete svc --all",
		"kubectl get all",
	}},
	{"kiamol-ch03-numbers", []string{
		"kubectl apply -f numbers/api.yaml -f numbers/web.yaml",
		"sleep 1s",
		"kubectl wait --for=condition=Ready pod -l app=numbers-web",
		"kubectl apply -f numbers/api-service.yaml",
		"kubectl get svc numbers-api",
		"kubectl get pod -l app=numbers-api -o custom-columns=NAME:metadata.name,POD_IP:status.podIP",
		"kubectl delete pod -l app=numbers-api",
		"sleep 3s",
		"kubectl get pod -l app=numbers-api -o custom-columns=NAME:metadata.name,POD_IP:status.podIP",
		"kubectl apply -f numbers/web-service.yaml",
		"kubectl get svc numbers-web",
		"kubectl get svc numbers-web -o jsonpath='http://{.status.loadBalancer.ingress[0].*}:8080'",
		"kubectl get deploy,rs",
		"kubectl get all",
	}},
	{"output-formats", []string{
		"kubectl apply -f sleep/sleep1.yaml -f numbers/api.yaml",
		"sleep 3s",
		"kubectl get pods",
		"kubectl get pods -o name",
		"kubectl get pods -o wide",
		"kubectl get pods --show-labels",
		"kubectl get pods -A",
		"kubectl get pods -A -o name",
		"kubectl get pods --no-headers",
		"kubectl get pods -l 'app in (sleep-1,numbers-api)' -o name",
		"kubectl get pods -l 'app notin (sleep-1)' -o name",
		"kubectl get pods -l '!version' -o name",
		"kubectl get pods -l 'version' -o name",
		"kubectl get pods -l 'app,app!=sleep-1' -o name",
		"kubectl get pods -l app=sleep-1 -o yaml",
		"kubectl get pods -l app=sleep-1 -o json",
		"kubectl get deploy sleep-1 -o yaml",
		"kubectl get pods -o custom-columns=NAME:metadata.name,POD_IP:status.podIP",
		"kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
		`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}'`,
		"kubectl get deploy sleep-1 -o jsonpath='{.spec.template.spec.containers[0].image}'",
		"kubectl get nodes",
		"kubectl get nodes -o wide",
		"kubectl get ns",
		"kubectl get endpointslices -A",
		"kubectl describe deploy sleep-1",
		"kubectl describe rs -l app=sleep-1",
		"kubectl describe node node-1",
	}},
}

func TestTranscripts(t *testing.T) {
	for _, tc := range transcripts {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sourceFiles())
			checkGolden(t, tc.name, h.transcript(t, tc.script))
		})
	}
}
