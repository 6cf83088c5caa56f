package sim

import "sync"

// Subscribe returns a channel carrying every event published from now on,
// in publication order, and a cancel function.
//
// Delivery is lossless and never blocks the world: each subscriber has an
// unbounded in-memory queue drained by its own goroutine into the returned
// channel (buffer is that channel's capacity). A subscriber that stops
// reading only grows its own queue. cancel stops the goroutine, drops what
// is still queued and closes the channel; it is idempotent and returns once
// the goroutine has exited. [World.Close] cancels every subscription.
func (w *World) Subscribe(buffer int) (<-chan Event, func()) {
	if buffer < 0 {
		buffer = 0
	}
	s := &subscriber{
		notify: make(chan struct{}, 1),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
		out:    make(chan Event, buffer),
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		close(s.out)
		return s.out, func() {}
	}
	w.subs[s] = struct{}{}
	w.mu.Unlock()
	go s.run()
	cancel := func() {
		w.mu.Lock()
		delete(w.subs, s)
		w.mu.Unlock()
		s.stop()
	}
	return s.out, cancel
}

type subscriber struct {
	mu     sync.Mutex
	queue  []Event
	notify chan struct{}
	done   chan struct{}
	exited chan struct{}
	out    chan Event
	once   sync.Once
}

func (s *subscriber) push(ev Event) {
	s.mu.Lock()
	s.queue = append(s.queue, ev)
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

func (s *subscriber) stop() {
	s.once.Do(func() { close(s.done) })
	<-s.exited
}

func (s *subscriber) run() {
	defer close(s.exited)
	defer close(s.out)
	for {
		s.mu.Lock()
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()
		if len(batch) == 0 {
			select {
			case <-s.notify:
				continue
			case <-s.done:
				return
			}
		}
		for i, ev := range batch {
			select {
			case s.out <- ev:
				batch[i] = nil
			case <-s.done:
				return
			}
		}
	}
}

// emit stamps ev's header and hands it to every subscriber. Caller holds
// w.mu, which gives all subscribers the same order.
func (w *World) emit(ev Event) {
	w.eventSeq++
	ev.setHeader(EventHeader{Seq: w.eventSeq, Time: w.now()})
	for s := range w.subs {
		s.push(ev)
	}
}
