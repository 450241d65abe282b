package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// event is one server-sent event. Its data is one line of JSON.
type event struct {
	name string
	data string
}

func jsonEvent(name string, v any) event {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte("{}") // plain strings and slices of them always marshal
	}
	return event{name: name, data: string(b)}
}

// helloEvent greets a new stream with the build being served, so a page
// that reconnects (after a restart, or a dropped connection) can tell
// whether it missed a build and reload.
func helloEvent(build string) event {
	return jsonEvent("hello", struct {
		Build string `json:"build"`
	}{build})
}

// reloadEvent tells pages a good build is being served. Pages lists the
// URL paths whose content changed: a page open elsewhere stays as it is
// (its build id moves on). Without a list, every page reloads.
func reloadEvent(build string, pages []string) event {
	return jsonEvent("reload", struct {
		Build string   `json:"build"`
		Pages []string `json:"pages,omitempty"`
		All   bool     `json:"all"`
	}{build, pages, pages == nil})
}

// errorEvent carries a failed build's errors, one line each.
func errorEvent(lines []string) event {
	return jsonEvent("build-error", struct {
		Errors []string `json:"errors"`
	}{lines})
}

func (e event) writeTo(w io.Writer) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
	return err
}

// hub fans events out to every open stream.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]struct{}
}

func newHub() *hub { return &hub{subs: map[chan event]struct{}{}} }

// subscribe returns a channel of the events broadcast from now on.
func (h *hub) subscribe() chan event {
	c := make(chan event, 16)
	h.mu.Lock()
	h.subs[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	delete(h.subs, c)
	h.mu.Unlock()
}

// broadcast never blocks a build on a slow page: a stream whose buffer is
// full misses the event (its page is far behind and reloads on the next).
func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- e:
		default:
		}
	}
}

// serveEvents streams events to one page until it goes away or the server
// stops. The stream opens with "hello" and, while the latest build is
// failing, its errors, so a page opened during a failure shows them too.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !allowRead(w, r) {
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		return
	}
	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)

	w.WriteHeader(http.StatusOK)
	st := s.Status()
	fmt.Fprint(w, "retry: 1000\n\n")
	helloEvent(st.Build).writeTo(w)
	if !st.OK {
		errorEvent(st.Errors).writeTo(w)
	}
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(s.opts.KeepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case e := <-c:
			err = e.writeTo(w)
		case <-tick.C:
			_, err = io.WriteString(w, ": keep-alive\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}
