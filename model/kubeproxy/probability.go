package kubeproxy

import (
	"math"
	"strconv"
)

// probCacheSize bounds the precomputed probability strings; larger
// denominators are formatted on demand.
const probCacheSize = 1024

// probText[n] is 1/n formatted like kube-proxy's "%0.10f": always 12 bytes
// ("1.0000000000", "0.5000000000", ...), kept in one contiguous table.
var probText = func() (t [probCacheSize][12]byte) {
	for n := 1; n < probCacheSize; n++ {
		strconv.AppendFloat(t[n][:0], 1/float64(n), 'f', 10, 64)
	}
	return t
}()

// appendProbability appends 1/n as kube-proxy writes it ("%0.10f").
func appendProbability(b []byte, n int32) []byte {
	if n > 0 && n < probCacheSize {
		return append(b, probText[n][:]...)
	}
	return strconv.AppendFloat(b, 1/float64(n), 'f', 10, 64)
}

func probabilityValue(n int32) float64 {
	v, _ := strconv.ParseFloat(string(appendProbability(nil, n)), 64)
	return v
}

// kernelProbabilityValue is the written probability quantised the way the
// statistic match stores it: round(p * 2^31) / 2^31.
func kernelProbabilityValue(n int32) float64 {
	return math.Round(probabilityValue(n)*(1<<31)) / (1 << 31)
}

// appendKernelProbability appends the probability as iptables-save prints it
// ("%.11f" of the quantised value).
func appendKernelProbability(b []byte, n int32) []byte {
	return strconv.AppendFloat(b, kernelProbabilityValue(n), 'f', 11, 64)
}
