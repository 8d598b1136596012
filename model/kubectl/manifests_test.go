package kubectl

// The manifests the source texts use: the kbe simpleservice walk
// (seeds/002) and kiamol chapter 3 (seeds/003).

const (
	kbeRC  = "https://raw.githubusercontent.com/mhausenblas/kbe/master/specs/services/rc.yaml"
	kbeSvc = "https://raw.githubusercontent.com/mhausenblas/kbe/master/specs/services/svc.yaml"
)

func sourceFiles() memFiles {
	return memFiles{
		kbeRC: `apiVersion: v1
kind: ReplicationController
metadata:
  name: rcsise
spec:
  replicas: 1
  selector:
    app: sise
  template:
    metadata:
      name: somename
      labels:
        app: sise
    spec:
      containers:
      - name: sise
        image: mhausenblas/simpleservice:0.5.0
        ports:
        - containerPort: 9876
`,
		kbeSvc: `apiVersion: v1
kind: Service
metadata:
  name: simpleservice
spec:
  ports:
    - port: 80
      targetPort: 9876
  selector:
    app: sise
`,
		"sleep/sleep1.yaml":         sleepDeployment("sleep-1"),
		"sleep/sleep2.yaml":         sleepDeployment("sleep-2"),
		"sleep/sleep2-service.yaml": "apiVersion: v1 \nkind: Service\nmetadata:\n  name: sleep-2 # Service 的名称用作DNS域名\nspec:\n  selector:\n    app: sleep-2\n  ports:\n    - port: 80\n",
		"numbers/api.yaml":          numbersDeployment("numbers-api", "api", "kiamol/ch03-numbers-api"),
		"numbers/web.yaml":          numbersDeployment("numbers-web", "web", "kiamol/ch03-numbers-web"),
		"numbers/api-service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: numbers-api
spec:
  ports:
    - port: 80
  selector:
    app: numbers-api
  type: ClusterIP
`,
		"numbers/web-service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: numbers-web
spec:
  ports:
    - port: 8080
      targetPort: 80
  selector:
    app: numbers-web
  type: LoadBalancer
`,
		"bad-nodeport.yaml": `apiVersion: v1
kind: Service
metadata:
  name: bad
spec:
  type: NodePort
  selector:
    app: x
  ports:
    - port: 80
      nodePort: 29999
`,
		"broken.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: [\n",
	}
}

func sleepDeployment(name string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ` + name + `
spec:
  selector:
    matchLabels:
      app: ` + name + `
  template:
    metadata:
      labels:
        app: ` + name + `
    spec:
      containers:
        - name: sleep
          image: kiamol/ch03-sleep
`
}

func numbersDeployment(name, container, image string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ` + name + `
spec:
  selector:
    matchLabels:
      app: ` + name + `
  template:
    metadata:
      labels:
        app: ` + name + `
        version: v1
    spec:
      containers:
        - name: ` + container + `
          image: ` + image + `
`
}
