package apiserver

// nameRule is a name check with the regexp.Regexp method the
// validators call.
type nameRule func(string) bool

func (r nameRule) MatchString(s string) bool { return r(s) }

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// isIANAChars: one or more of [-a-z0-9].
func isIANAChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLowerAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

// isDNS1123Label: [-a-z0-9] only, starting and ending with [a-z0-9].
func isDNS1123Label(s string) bool {
	return isIANAChars(s) && isLowerAlnum(s[0]) && isLowerAlnum(s[len(s)-1])
}

// isDNS1035Label: a DNS-1123 label that starts with a letter.
func isDNS1035Label(s string) bool {
	return isDNS1123Label(s) && s[0] >= 'a' && s[0] <= 'z'
}

// isDNS1123Sub: DNS-1123 labels joined by dots.
func isDNS1123Sub(s string) bool {
	for {
		i := 0
		for i < len(s) && s[i] != '.' {
			i++
		}
		if !isDNS1123Label(s[:i]) {
			return false
		}
		if i == len(s) {
			return true
		}
		s = s[i+1:]
	}
}
