// Package manifest reads manifest files as `kubectl apply -f` (kubectl
// v1.36, server-side field validation Strict, the default since v1.27)
// reads them against a v1.36 API server, and prints objects as
// `kubectl get -o json|yaml` does.
//
// Decoding models, in order, what happens to each document:
//
//  1. kubectl's YAMLReader cuts the stream at lines starting with "---"
//     (only a comment may follow the separator: "invalid Yaml document
//     separator"); input starting with '{' is JSON and is not cut.
//  2. sigs.k8s.io/yaml converts each document to JSON with yaml.v2: YAML
//     1.1 scalars (yes/no/on/off are booleans, 0777 is octal), merge keys,
//     aliases, duplicate keys resolved silently to the last one (kubectl
//     never reports them), keys sorted. Syntax errors print as yaml.v2
//     words them: "yaml: line N: ...", N counted from the document's
//     first line, one less for parser (not scanner) errors.
//  3. kubectl checks apiVersion and kind ("kind not set") and maps the
//     kind to a resource ("resource mapping not found ... ensure CRDs are
//     installed first"). Lists ("List", "ServiceList", ...) are flattened.
//  4. The API server decodes the body strictly (sigs.k8s.io/json): a type
//     error in encoding/json's words ("json: cannot unmarshal string into
//     Go struct field ServicePort.spec.ports.port of type int32") wins,
//     else every unknown field is listed ("strict decoding error: unknown
//     field \"spec.ports[0].prot\", ..."), case-sensitively, in JSON order.
//
// Decode returns the documents that decoded and one *Error per rejected
// document, joined with errors.Join; like kubectl, it stops reading a
// file at a syntax error or a missing apiVersion/kind and carries on past
// an unknown kind or a refused field. Error.Msg is what kubectl prints;
// Error() prefixes it with "file:line: ", the line of the offending key
// or value.
//
// Besides API objects, Decode reads the configuration kinds of
// ConfigKinds (kube-proxy's KubeProxyConfiguration, decoded leniently as
// kube-proxy does for v1alpha1: unknown fields become Warnings).
//
// Known gaps: fields the api package keeps as api.Opaque accept any
// value, where the real server would check their schema; JSON input is
// parsed as YAML, so its syntax errors are worded as YAML ones; kubectl
// apply's later checks (empty name: "resource name may not be empty")
// belong to the apply step, not here.
//
// Encoding follows kubectl's printers: both work on the unstructured
// object, so keys come out sorted; -o json is encoding/json with a
// four-space indent; -o yaml is yaml.v2's layout (lists at their key's
// column, quotes only where YAML 1.1 would misread a string, "|" blocks
// for multi-line strings, folding at 80 columns).
package manifest
