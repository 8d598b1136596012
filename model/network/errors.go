package network

// Errno is the socket error a client sees, named as errno names it.
type Errno string

// The errors a connect or an exchange can end in.
const (
	ErrNone            Errno = ""
	ECONNREFUSED       Errno = "ECONNREFUSED"
	ETIMEDOUT          Errno = "ETIMEDOUT"
	EHOSTUNREACH       Errno = "EHOSTUNREACH"
	ECONNRESET         Errno = "ECONNRESET"
	ErrResolve         Errno = "EAI_NONAME"
	ErrConnectDeadline Errno = "connect-timeout" // the client's own timer, not the kernel's
)

// Text is the errno's strerror text.
func (e Errno) Text() string {
	switch e {
	case ECONNREFUSED:
		return "Connection refused"
	case ETIMEDOUT:
		return "Connection timed out"
	case EHOSTUNREACH:
		return "No route to host"
	case ECONNRESET:
		return "Connection reset by peer"
	}
	return string(e)
}
