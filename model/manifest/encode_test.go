package manifest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/svcsim/svcsim/model/api"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// TestKubectlOutputReprints checks that `kubectl get -o yaml` output,
// decoded and printed again, comes out byte for byte.
func TestKubectlOutputReprints(t *testing.T) {
	for _, name := range []string{"get-pod.yaml", "get-svc.yaml"} {
		t.Run(name, func(t *testing.T) {
			docs := mustDecode(t, name)
			got, err := EncodeYAML(docs[0].Object)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(filepath.Join("testdata", name))
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("EncodeYAML(Decode(%s)) (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestEncodeGolden prints the listings as kubectl get -o json|yaml would.
func TestEncodeGolden(t *testing.T) {
	for _, name := range []string{"get-pod.yaml", "get-svc.yaml", "rc.yaml", "sleep1.yaml"} {
		t.Run(name, func(t *testing.T) {
			obj := mustDecode(t, name)[0].Object
			js, err := EncodeJSON(obj)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(name, ".yaml")+".json.golden", js)
			y, err := EncodeYAML(obj)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(name, ".yaml")+".yaml.golden", y)
		})
	}
	t.Run("List", func(t *testing.T) {
		var l List
		for _, name := range []string{"api-service.yaml", "web-service.yaml", "api-service-headless.yaml"} {
			for _, d := range mustDecode(t, name) {
				l.Items = append(l.Items, d.Object)
			}
		}
		js, err := EncodeJSON(l)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "list.json.golden", js)
		y, err := EncodeYAML(l)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "list.yaml.golden", y)
	})
}

// TestRoundTrip checks decode(encode(x)) == x for every manifest, through
// both printers.
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, path := range files {
		name := filepath.Base(path)
		for _, form := range []struct {
			name   string
			encode func(any) ([]byte, error)
		}{{"yaml", EncodeYAML}, {"json", EncodeJSON}} {
			t.Run(name+"/"+form.name, func(t *testing.T) {
				for _, d := range mustDecode(t, name) {
					b, err := form.encode(d.Object)
					if err != nil {
						t.Fatal(err)
					}
					again, err := Decode("out", b)
					if err != nil {
						t.Fatalf("Decode(Encode(%s)) = %v\n%s", name, err, b)
					}
					if diff := cmp.Diff(d.Object, again[0].Object); diff != "" {
						t.Errorf("Decode(Encode(x)) != x (-x +got):\n%s", diff)
					}
				}
			})
		}
	}
}

// TestYAMLScalars checks quoting and folding against yaml.v2's choices.
func TestYAMLScalars(t *testing.T) {
	long := "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value."
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "web", "k: web\n"},
		{"empty", "", "k: \"\"\n"},
		{"number", "80", "k: \"80\"\n"},
		{"float", "1.5", "k: \"1.5\"\n"},
		{"yaml 1.1 bool", "yes", "k: \"yes\"\n"},
		{"bool", "True", "k: \"True\"\n"},
		{"null", "null", "k: \"null\"\n"},
		{"timestamp", "2026-01-01T00:00:00Z", "k: \"2026-01-01T00:00:00Z\"\n"},
		{"date", "2026-01-01", "k: \"2026-01-01\"\n"},
		{"sexagesimal", "1:20", "k: \"1:20\"\n"},
		{"ip", "10.96.0.10", "k: 10.96.0.10\n"},
		{"octal", "0777", "k: \"0777\"\n"},
		{"not octal", "089", "k: \"089\"\n"},
		{"indicator", "*", "k: '*'\n"},
		{"colon space", "a: b", "k: 'a: b'\n"},
		{"comment", "a #b", "k: 'a #b'\n"},
		{"leading space", " a", "k: ' a'\n"},
		{"quote inside", "it's", "k: it's\n"},
		{"single quote first", "'a'", "k: '''a'''\n"},
		{"tab", "a\tb", "k: \"a\\tb\"\n"},
		{"dash", "- a", "k: '- a'\n"},
		{"json", `{"a":1}`, "k: '{\"a\":1}'\n"},
		{"multi-line", "a\nb\n", "k: |\n  a\n  b\n"},
		{"multi-line, no final newline", "a\nb", "k: |-\n  a\n  b\n"},
		{"multi-line with blank line", "a\n\nb\n", "k: |\n  a\n\n  b\n"},
		{"multi-line, trailing space", "a \nb", "k: \"a \\nb\"\n"},
		{"unicode", "grüße", "k: grüße\n"},
		{"long", long, "k: APIVersion defines the versioned schema of this representation of an object. Servers\n  should convert recognized schemas to the latest internal value.\n"},
		{"long quoted", "x: " + long, "k: 'x: APIVersion defines the versioned schema of this representation of an object.\n  Servers should convert recognized schemas to the latest internal value.'\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeYAML(map[string]string{"k": tc.in})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("EncodeYAML(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestYAMLKeyOrder checks yaml.v2's natural key order.
func TestYAMLKeyOrder(t *testing.T) {
	got, err := EncodeYAML(map[string]int{"a10": 1, "a9": 2, "B": 3, "a": 4, "a_b": 5, "ab": 6, "app.kubernetes.io/name": 7, "app": 8})
	if err != nil {
		t.Fatal(err)
	}
	want := "B: 3\na: 4\na_b: 5\na9: 2\na10: 1\nab: 6\napp: 8\napp.kubernetes.io/name: 7\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("EncodeYAML() (-want +got):\n%s", diff)
	}
}

// TestEncodeEmptyList prints an empty List as kubectl does for no objects.
func TestEncodeEmptyList(t *testing.T) {
	got, err := EncodeYAML(List{Items: []api.Object{}})
	if err != nil {
		t.Fatal(err)
	}
	want := "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("EncodeYAML(List{}) (-want +got):\n%s", diff)
	}
}
