package metallb

import "github.com/svcsim/svcsim/model/api"

// The objects as users write them (metallb.io CRDs, api/v1beta1 and
// api/v1beta2 of v0.16) are API objects (model/api/metallb.go); these are
// their names here.
type (
	IPAddressPool        = api.IPAddressPool
	IPAddressPoolSpec    = api.IPAddressPoolSpec
	ServiceAllocation    = api.ServiceAllocation
	L2Advertisement      = api.L2Advertisement
	L2AdvertisementSpec  = api.L2AdvertisementSpec
	BGPAdvertisement     = api.BGPAdvertisement
	BGPAdvertisementSpec = api.BGPAdvertisementSpec
	BGPPeer              = api.BGPPeer
	BGPPeerSpec          = api.BGPPeerSpec
)

// DefaultHoldTime is the native BGP implementation's hold time
// (internal/bgp/native/native.go).
const DefaultHoldTime = "90s"
