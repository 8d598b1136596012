// Package apps models what runs in containers, as far as networking
// shows it: which ports an image listens on, how its HTTP server answers,
// whether it exits on SIGTERM or waits for the grace period's SIGKILL,
// and whether it has a shell with ping, nslookup, curl and wget.
//
// The images of the source texts are built in with their real ports and
// behaviour (kiamol's sleep and numbers apps, the kbe simpleservice,
// kuard); scenarios may define their own; any other image serves its
// declared container ports with a plain 200 answer.
package apps
