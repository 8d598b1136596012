package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLearnerFiles: on the learner's machine, > and >> write files that
// kubectl -f and cat then read, in memory only: the file beside the
// scenario that a redirection overwrites stays as it was on disk, and no
// new file appears there.
func TestLearnerFiles(t *testing.T) {
	dir := t.TempDir()
	const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n"
	if err := os.WriteFile(filepath.Join(dir, "web.yaml"), []byte(pod), 0o644); err != nil {
		t.Fatal(err)
	}
	const scenario = `apiVersion: svcsim.dev/v1alpha1
kind: Scenario
metadata:
  name: learner-files
  title: files on the learner's machine
steps:
  - name: apply from disk
    run: kubectl apply -f web.yaml
  - name: wait
    run: kubectl wait --for=condition=Ready pod/web
  - name: save over the file
    run: kubectl get pod web -o yaml > web.yaml
    expect:
      - output: {equals: "", exitCode: 0}
  - name: read it back
    run: cat web.yaml | grep -c kube-api-access
    expect:
      - output: {equals: "3\n"}
  - name: apply what was saved (configured, as its last-applied annotation changes)
    run: kubectl apply -f web.yaml
    expect:
      - output: {equals: "pod/web configured\n"}
  - name: append
    run: echo one > notes.txt; echo two >> notes.txt; echo three | tee -a notes.txt; cat notes.txt
    expect:
      - output: {equals: "three\none\ntwo\nthree\n"}
  - name: a missing file
    run: cat nope.txt
    expect:
      - output: {equals: "cat: nope.txt: No such file or directory\n", exitCode: 1}
`
	s, err := Load(filepath.Join(dir, "s.yaml"), []byte(scenario), dir)
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(s, Options{})
	if !rep.Passed {
		var b strings.Builder
		for _, st := range rep.Steps {
			for _, c := range st.Checks {
				if !c.Passed {
					b.WriteString(st.Name + ": " + c.What + ": " + c.Detail + "\n")
				}
			}
		}
		t.Fatalf("scenario failed: %s%s", rep.Error, b.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "web.yaml"))
	if err != nil || string(got) != pod {
		t.Errorf("web.yaml on disk = %q, %v; want it unchanged", got, err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"web.yaml"}, names); diff != "" {
		t.Errorf("files on disk (-want +got):\n%s", diff)
	}
}
