package apiserver

import (
	"strings"
	"time"

	"github.com/svcsim/svcsim/model/api"
)

// nameAlphabet is the alphabet of generated name suffixes and pod
// template hashes (apimachinery's rand.String: no vowels, no look-alike
// digits, so no accidental words).
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// RandomSuffix returns n characters from nameAlphabet drawn from the
// named stream, as generateName and pod names use.
func (s *Server) RandomSuffix(n int) string {
	return s.randomName("kube-apiserver/names", "", n)
}

// randomName returns prefix followed by n characters of the name alphabet
// drawn from a random stream of the API server's, in one allocation.
func (s *Server) randomName(stream, prefix string, n int) string {
	r := s.e.Rand(stream)
	var b strings.Builder
	b.Grow(len(prefix) + n)
	b.WriteString(prefix)
	for range n {
		b.WriteByte(nameAlphabet[r.IntN(len(nameAlphabet))])
	}
	return b.String()
}

// Create stores a new object: it fills in generated names, defaults,
// validates, allocates, and notifies watchers. The object passed in is
// not modified; the stored copy is returned.
func (s *Server) Create(in api.Object) (api.Object, error) {
	return s.CreateOwned(api.DeepCopy(in))
}

// CreateOwned is Create for an object the caller gives up, such as a
// pod a controller has just made from its template with
// api.PodFromTemplate: it is filled in and stored as it is, not copied.
// Nothing in it that the API server fills in may be shared with anything
// the caller or a stored object still uses; labels and containers may be
// (the defaults copy containers before they fill one in).
func (s *Server) CreateOwned(obj api.Object) (api.Object, error) {
	k := api.KindOf(obj)
	m := obj.Meta()
	if !k.Namespaced {
		m.Namespace = ""
	} else if m.Namespace == "" {
		m.Namespace = "default"
	}
	if m.Name == "" && m.GenerateName != "" {
		m.Name = s.uniqueName(k.Kind, m.Namespace, m.GenerateName)
	}
	if m.Name == "" {
		return nil, invalid(k.Kind, "", fieldErrors{{Path: "metadata.name", Type: "Required value", Detail: "name or generateName is required"}})
	}
	if k.Namespaced {
		// The NamespaceLifecycle admission plugin, before the registry.
		if _, ok := s.Get("Namespace", "", m.Namespace); !ok {
			return nil, notFound("namespaces", m.Namespace)
		}
	}
	obj.Type().APIVersion, obj.Type().Kind = k.APIVersion, k.Kind
	m.UID = s.newUID()
	m.CreationTimestamp = api.At(s.e.Now())
	m.DeletionTimestamp, m.DeletionGracePeriodSeconds = nil, nil
	if hasGeneration(k.Kind) {
		m.Generation = 1
	}
	applyDefaults(obj)
	if p, ok := obj.(*api.Pod); ok {
		if err := s.admitPod(p); err != nil {
			return nil, err
		}
	}
	// As the generic registry does: allocation (BeginCreate) first, then
	// validation, and only then the store says the name is taken.
	var txn *svcTxn
	if svc, ok := obj.(*api.Service); ok {
		normalizeClusterIPs(svc, nil)
		if errs := validateClusterIPsRelated(svc); len(errs) > 0 {
			return nil, invalid(k.Kind, m.Name, errs)
		}
		var err error
		if txn, err = s.allocateService(svc, nil); err != nil {
			return nil, err
		}
	}
	err := s.checkCreate(obj, k)
	if err != nil {
		if txn != nil {
			txn.revert()
		}
		return nil, err
	}
	m.ResourceVersion = s.nextResourceVersion()
	s.put(obj, nil)
	return obj, nil
}

// checkCreate validates a new object and checks that its name is free.
func (s *Server) checkCreate(obj api.Object, k *api.Kind) error {
	m := obj.Meta()
	if errs := validate(obj); len(errs) > 0 {
		return invalid(k.Kind, m.Name, errs)
	}
	if _, exists := s.Get(k.Kind, m.Namespace, m.Name); exists {
		return alreadyExists(k.GroupResource(), m.Name)
	}
	return nil
}

func (s *Server) uniqueName(kind, ns, prefix string) string {
	for {
		name := s.randomName("kube-apiserver/names", prefix, 5)
		if _, taken := s.Get(kind, ns, name); !taken {
			return name
		}
	}
}

func hasGeneration(kind string) bool {
	switch kind {
	case "Deployment", "ReplicaSet", "ReplicationController", "Service", "Pod":
		return true
	}
	return false
}

// Update replaces an object's spec (and labels/annotations) with in's,
// keeping what the server owns (UID, creation time, status) and refusing
// changes to immutable fields. Only spec changes raise the generation.
func (s *Server) Update(in api.Object) (api.Object, error) {
	k := api.KindOf(in)
	ns := in.Meta().Namespace
	if k.Namespaced && ns == "" {
		ns = "default"
	}
	cur, ok := s.Get(k.Kind, ns, in.Meta().Name)
	if !ok {
		return nil, notFound(k.GroupResource(), in.Meta().Name)
	}
	obj := api.DeepCopy(in)
	m := obj.Meta()
	cm := cur.Meta()
	m.Namespace, m.UID, m.CreationTimestamp = cm.Namespace, cm.UID, cm.CreationTimestamp
	m.DeletionTimestamp, m.DeletionGracePeriodSeconds = cm.DeletionTimestamp, cm.DeletionGracePeriodSeconds
	m.OwnerReferences = mergeOwners(m.OwnerReferences, cm.OwnerReferences)
	m.Generation = cm.Generation
	obj.Type().APIVersion, obj.Type().Kind = k.APIVersion, k.Kind
	keepStatus(obj, cur)
	applyDefaults(obj)
	var txn *svcTxn
	if svc, ok := obj.(*api.Service); ok {
		var err error
		if txn, err = s.beginServiceUpdate(svc, cur.(*api.Service)); err != nil {
			return nil, err
		}
	}
	errs := validateUpdate(obj, cur)
	errs = append(errs, validate(obj)...)
	if len(errs) > 0 {
		if txn != nil {
			txn.revert()
		}
		return nil, invalid(k.Kind, m.Name, errs)
	}
	if txn != nil {
		s.releaseUnused(cur.(*api.Service), obj.(*api.Service))
	}
	if specChanged(obj, cur) && hasGeneration(k.Kind) {
		m.Generation++
	}
	if !quickDiffers(obj, cur) && Equal(obj, cur) {
		return cur, nil
	}
	m.ResourceVersion = s.nextResourceVersion()
	s.put(obj, cur)
	return obj, nil
}

// quickDiffers spots the common pod status changes without a deep
// comparison; false means "look closer", never "equal".
func quickDiffers(obj, cur api.Object) bool {
	p, ok := obj.(*api.Pod)
	if !ok {
		return false
	}
	c := cur.(*api.Pod)
	return p.Spec.NodeName != c.Spec.NodeName || p.Status.Phase != c.Status.Phase ||
		p.Status.PodIP != c.Status.PodIP || p.Status.HostIP != c.Status.HostIP ||
		len(p.Status.Conditions) != len(c.Status.Conditions)
}

// beginServiceUpdate is the registry's beginUpdate plus the strategy's
// PrepareForUpdate: keep what the manifest left out, allocate what the
// update adds, drop what the new type cannot use.
func (s *Server) beginServiceUpdate(svc, old *api.Service) (*svcTxn, error) {
	patchAllocatedValues(svc, old)
	normalizeClusterIPs(svc, old)
	if errs := validateClusterIPsRelated(svc); len(errs) > 0 {
		return nil, invalid("Service", svc.Name, errs)
	}
	txn, err := s.allocateService(svc, old)
	if err != nil {
		return nil, err
	}
	dropTypeDependentFields(svc, old)
	return txn, nil
}

// UpdateStatus stores a controller's or kubelet's change to an object it
// owns without user validation: the status, a pod's binding, labels a
// controller adds. The caller passes a modified DeepCopy of the stored
// object.
func (s *Server) UpdateStatus(obj api.Object) (api.Object, error) {
	k := api.KindOf(obj)
	m := obj.Meta()
	ent := s.lookup(k.Kind, m.Namespace, m.Name)
	if ent == nil {
		return nil, notFound(k.GroupResource(), m.Name)
	}
	cur := ent.obj
	if !quickDiffers(obj, cur) && Equal(obj, cur) {
		return cur, nil
	}
	m.ResourceVersion = s.nextResourceVersion()
	s.store(ent, k.Kind, obj, cur)
	return obj, nil
}

// DeleteOptions are kubectl delete's --grace-period and --force.
type DeleteOptions struct {
	// GracePeriod overrides the pod's terminationGracePeriodSeconds when
	// not nil.
	GracePeriod *int64
}

// Delete deletes an object. A pod on a node is deleted gracefully: it gets
// a deletionTimestamp and stays until its kubelet has stopped it and
// finishes the delete with a zero grace period. Everything else goes at
// once; the garbage collector removes its dependents.
func (s *Server) Delete(kind, ns, name string, opts DeleteOptions) error {
	k, _ := api.KindByName(kind)
	cur, ok := s.Get(kind, ns, name)
	if !ok {
		return notFound(k.GroupResource(), name)
	}
	if pod, isPod := cur.(*api.Pod); isPod {
		// The pod strategy's CheckGracefulDelete: an unbound or finished
		// pod, or a zero grace period, goes at once.
		grace := int64(30)
		if pod.Spec.TerminationGracePeriodSeconds != nil {
			grace = *pod.Spec.TerminationGracePeriodSeconds
		}
		if opts.GracePeriod != nil {
			grace = *opts.GracePeriod
		}
		finished := pod.Status.Phase == "Succeeded" || pod.Status.Phase == "Failed"
		if pod.Spec.NodeName != "" && !finished && grace > 0 {
			if pod.DeletionTimestamp != nil {
				return nil // already terminating
			}
			next := api.DeepCopy(pod)
			when := api.At(s.e.Now() + time.Duration(grace)*time.Second)
			next.DeletionTimestamp = &when
			next.DeletionGracePeriodSeconds = &grace
			next.ResourceVersion = s.nextResourceVersion()
			s.put(next, pod)
			return nil
		}
	}
	s.release(cur)
	s.remove(cur)
	return nil
}

// release frees what an object held: a Service's IPs and ports.
func (s *Server) release(obj api.Object) {
	svc, ok := obj.(*api.Service)
	if !ok {
		return
	}
	s.releaseService(svc)
}

func mergeOwners(in, cur []api.OwnerReference) []api.OwnerReference {
	if len(in) > 0 {
		return in
	}
	return cur
}

func keepStatus(obj, cur api.Object) {
	switch o := obj.(type) {
	case *api.Pod:
		c := cur.(*api.Pod)
		o.Status = c.Status
		if o.Spec.NodeName == "" {
			o.Spec.NodeName = c.Spec.NodeName
		}
		keepAdmitted(o, c)
	case *api.Service:
		o.Status = cur.(*api.Service).Status
	case *api.Deployment:
		o.Status = cur.(*api.Deployment).Status
	case *api.ReplicaSet:
		o.Status = cur.(*api.ReplicaSet).Status
	case *api.ReplicationController:
		o.Status = cur.(*api.ReplicationController).Status
	case *api.Node:
		o.Status = cur.(*api.Node).Status
	case *api.Namespace:
		o.Status = cur.(*api.Namespace).Status
	}
}
