package printers

import "github.com/svcsim/svcsim/model/api"

// tablePrinter is one kind's column definitions and row function; cells
// returns one cell per column, wide ones included.
type tablePrinter struct {
	columns []column
	cells   func(o api.Object, opts TableOptions) []string
}

// tablePrinters holds the column definitions of printers.go's AddHandlers
// for the kinds svcsim stores.
var tablePrinters = map[string]tablePrinter{
	"Pod": {columns: []column{
		{name: "NAME"}, {name: "READY"}, {name: "STATUS"}, {name: "RESTARTS"}, {name: "AGE"},
		{name: "IP", wide: true}, {name: "NODE", wide: true},
		{name: "NOMINATED NODE", wide: true}, {name: "READINESS GATES", wide: true},
	}, cells: func(o api.Object, opts TableOptions) []string { return podCells(o.(*api.Pod), opts.Now) }},
	"Service": {columns: []column{
		{name: "NAME"}, {name: "TYPE"}, {name: "CLUSTER-IP"}, {name: "EXTERNAL-IP"}, {name: "PORT(S)"},
		{name: "AGE"}, {name: "SELECTOR", wide: true},
	}, cells: func(o api.Object, opts TableOptions) []string { return serviceCells(o.(*api.Service), opts) }},
	"Endpoints": {columns: []column{
		{name: "NAME"}, {name: "ENDPOINTS"}, {name: "AGE"},
	}, cells: func(o api.Object, opts TableOptions) []string { return endpointsCells(o.(*api.Endpoints), opts) }},
	"EndpointSlice": {columns: []column{
		{name: "NAME"}, {name: "ADDRESSTYPE"}, {name: "PORTS"}, {name: "ENDPOINTS"}, {name: "AGE"},
	}, cells: func(o api.Object, opts TableOptions) []string { return sliceCells(o.(*api.EndpointSlice), opts) }},
	"Deployment": {columns: []column{
		{name: "NAME"}, {name: "READY"}, {name: "UP-TO-DATE"}, {name: "AVAILABLE"}, {name: "AGE"},
		{name: "CONTAINERS", wide: true}, {name: "IMAGES", wide: true}, {name: "SELECTOR", wide: true},
	}, cells: func(o api.Object, opts TableOptions) []string { return deploymentCells(o.(*api.Deployment), opts.Now) }},
	"ReplicaSet": {columns: replicaColumns,
		cells: func(o api.Object, opts TableOptions) []string { return replicaSetCells(o.(*api.ReplicaSet), opts.Now) }},
	"ReplicationController": {columns: replicaColumns,
		cells: func(o api.Object, opts TableOptions) []string {
			return rcCells(o.(*api.ReplicationController), opts.Now)
		}},
	"Node": {columns: []column{
		{name: "NAME"}, {name: "STATUS"}, {name: "ROLES"}, {name: "AGE"}, {name: "VERSION"},
		{name: "INTERNAL-IP", wide: true}, {name: "EXTERNAL-IP", wide: true}, {name: "OS-IMAGE", wide: true},
		{name: "KERNEL-VERSION", wide: true}, {name: "CONTAINER-RUNTIME", wide: true},
	}, cells: func(o api.Object, opts TableOptions) []string { return nodeCells(o.(*api.Node), opts.Now) }},
	"Namespace": {columns: []column{
		{name: "NAME"}, {name: "STATUS"}, {name: "AGE"},
	}, cells: func(o api.Object, opts TableOptions) []string {
		ns := o.(*api.Namespace)
		return []string{ns.Name, ns.Status.Phase, since(ns.CreationTimestamp, opts.Now)}
	}},
	"ConfigMap": {columns: []column{
		{name: "NAME"}, {name: "DATA"}, {name: "AGE"},
	}, cells: func(o api.Object, opts TableOptions) []string { return configMapCells(o.(*api.ConfigMap), opts.Now) }},
}

// replicaColumns are shared by ReplicaSets and ReplicationControllers.
var replicaColumns = []column{
	{name: "NAME"}, {name: "DESIRED"}, {name: "CURRENT"}, {name: "READY"}, {name: "AGE"},
	{name: "CONTAINERS", wide: true}, {name: "IMAGES", wide: true}, {name: "SELECTOR", wide: true},
}
