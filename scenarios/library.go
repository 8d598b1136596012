package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed library/*.yaml
var libraryFS embed.FS

// Library loads every built-in scenario, sorted by file name.
func Library() ([]*Scenario, error) {
	entries, err := fs.Glob(libraryFS, "library/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(entries)
	var out []*Scenario
	for _, name := range entries {
		data, err := libraryFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		s, err := Load(name, data, "")
		if err != nil {
			return nil, fmt.Errorf("built-in scenario: %w", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Find returns the built-in scenario with the given name (its
// metadata.name or its file name without .yaml).
func Find(name string) (*Scenario, bool) {
	lib, err := Library()
	if err != nil {
		return nil, false
	}
	for _, s := range lib {
		if s.Metadata.Name == name || strings.TrimSuffix(path.Base(s.File), ".yaml") == name {
			return s, true
		}
	}
	return nil, false
}
