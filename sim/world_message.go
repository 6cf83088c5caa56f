package sim

import (
	"fmt"
	"time"
)

// SendPrivate sends content from the bot to a friend.
func (w *World) SendPrivate(uin int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendFriend(w.self, uin, content)
}

// SendGroup sends content from the bot to a group it is in.
func (w *World) SendGroup(group int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendGroup(w.self, group, content)
}

// SendTemp sends content from the bot to a user through a group both are
// members of (a temp session; peer is the user).
func (w *World) SendTemp(group, uin int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendTemp(w.self, group, uin, content)
}

// UserSendPrivate makes a friend of the bot send content to the bot.
func (w *World) UserSendPrivate(uin int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendFriend(uin, uin, content)
}

// UserSendGroup makes member uin send content to a group.
func (w *World) UserSendGroup(group, uin int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendGroup(uin, group, content)
}

// UserSendTemp makes member uin of group send content to the bot in a temp
// session.
func (w *World) UserSendTemp(group, uin int64, content []Element) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendTemp(uin, group, uin, content)
}

func (w *World) sendFriend(sender, peer int64, content []Element) (Message, error) {
	if _, err := w.user(peer); err != nil {
		return Message{}, err
	}
	if _, ok := w.friends[peer]; !ok {
		return Message{}, errf(ErrPermissionDenied, "user %d is not the bot's friend", peer)
	}
	return w.store(sender, convKey{SceneFriend, peer}, nil, 0, content)
}

func (w *World) sendGroup(sender, group int64, content []Element) (Message, error) {
	g, err := w.group(group)
	if err != nil {
		return Message{}, err
	}
	m, err := g.member(sender)
	if err != nil {
		return Message{}, err
	}
	if m.muteTo.After(w.now()) {
		return Message{}, errf(ErrPermissionDenied, "user %d is muted in group %d until %s", sender, group, m.muteTo.Format(time.RFC3339))
	}
	if g.g.WholeMute && rank(m.m.Role) < 1 {
		return Message{}, errf(ErrPermissionDenied, "group %d is whole-muted", group)
	}
	return w.store(sender, convKey{SceneGroup, group}, g, 0, content)
}

func (w *World) sendTemp(sender, group, peer int64, content []Element) (Message, error) {
	g, err := w.group(group)
	if err != nil {
		return Message{}, err
	}
	if _, err := g.member(peer); err != nil {
		return Message{}, err
	}
	if _, err := g.member(w.self); err != nil {
		return Message{}, err
	}
	if peer == w.self {
		return Message{}, errf(ErrInvalidArgument, "temp session with the bot itself")
	}
	return w.store(sender, convKey{SceneTemp, peer}, nil, group, content)
}

// store validates and completes content, then appends a message to the
// conversation and publishes it. g is set for the group scene; the
// sender's last-sent time there is updated before the event is emitted.
func (w *World) store(sender int64, key convKey, g *groupRec, tempGroup int64, content []Element) (Message, error) {
	if len(content) == 0 {
		return Message{}, errf(ErrInvalidArgument, "empty message")
	}
	conv := w.convs[key]
	if conv == nil {
		conv = &convRec{}
	}
	prepared, err := w.prepare(sender, key, g, conv, content, false)
	if err != nil {
		return Message{}, err
	}
	w.convs[key] = conv
	rec := &msgRec{m: Message{
		ID:        w.newMessageID(),
		Scene:     key.scene,
		Peer:      key.peer,
		Seq:       int64(len(conv.msgs)) + 1,
		TempGroup: tempGroup,
		SenderID:  sender,
		Time:      w.now(),
		Content:   prepared,
	}}
	conv.msgs = append(conv.msgs, rec)
	w.msgByID[rec.m.ID] = rec
	if g != nil {
		// Before the event, so that its member snapshot shows this send.
		if m, ok := g.members[sender]; ok {
			m.m.LastSentTime = rec.m.Time
		}
	}
	if g == nil || w.botIn(g) {
		w.emit(w.messageEvent(rec.m))
	}
	return cloneMessage(rec.m), nil
}

func (w *World) messageEvent(m Message) *MessageEvent {
	ev := &MessageEvent{Message: cloneMessage(m), Self: m.SenderID == w.self, Sender: w.userSnap(m.SenderID)}
	switch m.Scene {
	case SceneFriend:
		if _, ok := w.friends[m.Peer]; ok {
			f := w.friendSnap(m.Peer)
			ev.Friend = &f
		}
	case SceneGroup:
		if g, ok := w.groups[m.Peer]; ok {
			gs := w.groupSnap(g)
			ev.Group = &gs
			if mr, ok := g.members[m.SenderID]; ok {
				ms := w.memberSnap(g, mr)
				ev.Member = &ms
			}
		}
	case SceneTemp:
		if g, ok := w.groups[m.TempGroup]; ok {
			gs := w.groupSnap(g)
			ev.Group = &gs
			if mr, ok := g.members[m.SenderID]; ok {
				ms := w.memberSnap(g, mr)
				ev.Member = &ms
			}
		}
	}
	return ev
}

// prepare deep-copies content, validates mentions and replies, and assigns
// resource and forward ids. Inside forward nodes (nested) only ids are
// assigned: nodes are free-form.
func (w *World) prepare(sender int64, key convKey, g *groupRec, conv *convRec, content []Element, nested bool) ([]Element, error) {
	out := CloneContent(content)
	for i, e := range out {
		switch e := e.(type) {
		case nil:
			return nil, errf(ErrInvalidArgument, "element %d is nil", i)
		case Mention:
			if nested {
				continue
			}
			if g != nil {
				m, err := g.member(e.UserID)
				if err != nil {
					return nil, errf(ErrInvalidArgument, "mention of %d: not a member of group %d", e.UserID, g.g.ID)
				}
				if e.Name == "" {
					e.Name = w.memberSnap(g, m).DisplayName()
				}
			} else {
				if e.UserID != sender && e.UserID != key.peer && e.UserID != w.self {
					return nil, errf(ErrInvalidArgument, "mention of %d outside the conversation", e.UserID)
				}
				if e.Name == "" {
					e.Name = w.userSnap(e.UserID).Nickname
				}
			}
			out[i] = e
		case MentionAll:
			if nested {
				continue
			}
			if g == nil {
				return nil, errf(ErrInvalidArgument, "mention_all outside a group")
			}
			if rank(g.roleOf(sender)) < 1 {
				return nil, errf(ErrPermissionDenied, "mention_all in group %d needs admin or owner", g.g.ID)
			}
		case Reply:
			if nested {
				continue
			}
			seq := e.Seq
			if seq == 0 && e.MessageID != 0 {
				r, ok := w.msgByID[e.MessageID]
				if !ok || r.m.Scene != key.scene || r.m.Peer != key.peer {
					return nil, errf(ErrNotFound, "reply target message id %d in %s %d", e.MessageID, key.scene, key.peer)
				}
				seq = r.m.Seq
			}
			if seq < 1 || seq > int64(len(conv.msgs)) {
				return nil, errf(ErrNotFound, "reply target seq %d in %s %d", seq, key.scene, key.peer)
			}
			t := conv.msgs[seq-1].m
			out[i] = Reply{Seq: t.Seq, MessageID: t.ID, SenderID: t.SenderID, Time: t.Time}
		case Image:
			e.ResourceID, e.URL = w.resource("image", e.URI, e.ResourceID, e.URL)
			if e.SubType == "" {
				e.SubType = "normal"
			}
			out[i] = e
		case Record:
			e.ResourceID, e.URL = w.resource("record", e.URI, e.ResourceID, e.URL)
			out[i] = e
		case Video:
			e.ResourceID, e.URL = w.resource("video", e.URI, e.ResourceID, e.URL)
			out[i] = e
		case Forward:
			if len(e.Nodes) == 0 {
				if e.ID == "" {
					return nil, errf(ErrInvalidArgument, "forward with neither nodes nor id")
				}
				if _, ok := w.forwards[e.ID]; !ok {
					return nil, errf(ErrNotFound, "forward %q", e.ID)
				}
				continue
			}
			for j := range e.Nodes {
				n := &e.Nodes[j]
				c, err := w.prepare(n.UserID, key, g, conv, n.Content, true)
				if err != nil {
					return nil, err
				}
				n.Content = c
				if n.Time.IsZero() {
					n.Time = w.now()
				}
				if n.Name == "" {
					n.Name = w.userSnap(n.UserID).Nickname
				}
			}
			if e.ID == "" {
				e.ID = w.newHexID(16)
			}
			w.forwards[e.ID] = cloneNodes(e.Nodes)
			out[i] = e
		}
	}
	return out, nil
}

// resource registers a media resource and returns its id and URL, keeping
// ones already given.
func (w *World) resource(kind, uri, id, url string) (string, string) {
	if id == "" {
		id = kind + "_" + w.newHexID(12)
	}
	if url == "" {
		url = fmt.Sprintf("%s/resource/%s", w.cfg.baseURL, id)
	}
	if _, ok := w.resources[id]; !ok {
		w.resources[id] = Resource{ID: id, Kind: kind, URI: uri, URL: url}
	}
	return id, url
}

// Resource returns a media resource seen in a message (Milky
// get_resource_temp_url, OneBot get_image/get_record).
func (w *World) Resource(id string) (Resource, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.resources[id]
	if !ok {
		return Resource{}, errf(ErrNotFound, "resource %q", id)
	}
	return r, nil
}

// Forward returns the nodes of a stored forward.
func (w *World) Forward(id string) ([]ForwardNode, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, ok := w.forwards[id]
	if !ok {
		return nil, errf(ErrNotFound, "forward %q", id)
	}
	return cloneNodes(n), nil
}

// MessageByID returns a message by its OneBot-style id (recalled messages
// included, flagged).
func (w *World) MessageByID(id int32) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.msgByID[id]
	if !ok {
		return Message{}, errf(ErrNotFound, "message id %d", id)
	}
	return cloneMessage(r.m), nil
}

// MessageBySeq returns a message by conversation and seq (recalled messages
// included, flagged).
func (w *World) MessageBySeq(scene Scene, peer, seq int64) (Message, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, err := w.msgBySeq(scene, peer, seq)
	if err != nil {
		return Message{}, err
	}
	return cloneMessage(r.m), nil
}

func (w *World) msgBySeq(scene Scene, peer, seq int64) (*msgRec, error) {
	c := w.convs[convKey{scene, peer}]
	if c == nil || seq < 1 || seq > int64(len(c.msgs)) {
		return nil, errf(ErrNotFound, "message %s %d seq %d", scene, peer, seq)
	}
	return c.msgs[seq-1], nil
}

// HistoryQuery selects a page of a conversation's history.
type HistoryQuery struct {
	Scene Scene
	Peer  int64
	// StartSeq is the newest seq to include; 0 means the latest message.
	// Pages go backwards in time from it.
	StartSeq int64
	// Limit is the page size; 0 means 20.
	Limit int
	// OldestFirst orders the page by ascending seq (Milky); the default
	// is newest first.
	OldestFirst bool
	// IncludeRecalled keeps recalled messages (flagged); by default they
	// are skipped, as Milky does.
	IncludeRecalled bool
}

// HistoryPage is one page of history.
type HistoryPage struct {
	Messages []Message
	// NextSeq is the StartSeq of the next (older) page; 0 when there is
	// none.
	NextSeq int64
}

// History returns a page of a conversation's history, walking backwards
// from StartSeq.
func (w *World) History(q HistoryQuery) (HistoryPage, error) {
	if q.Limit < 0 {
		return HistoryPage{}, errf(ErrInvalidArgument, "negative limit %d", q.Limit)
	}
	if q.StartSeq < 0 {
		return HistoryPage{}, errf(ErrInvalidArgument, "negative start seq %d", q.StartSeq)
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch q.Scene {
	case SceneFriend, SceneTemp:
		if _, err := w.user(q.Peer); err != nil {
			return HistoryPage{}, err
		}
	case SceneGroup:
		if _, err := w.group(q.Peer); err != nil {
			return HistoryPage{}, err
		}
	default:
		return HistoryPage{}, errf(ErrInvalidArgument, "scene %q", q.Scene)
	}
	var page HistoryPage
	c := w.convs[convKey{q.Scene, q.Peer}]
	if c == nil {
		return page, nil
	}
	seq := int64(len(c.msgs))
	if q.StartSeq != 0 && q.StartSeq < seq {
		seq = q.StartSeq
	}
	for ; seq >= 1 && len(page.Messages) < q.Limit; seq-- {
		m := c.msgs[seq-1].m
		if m.Recalled && !q.IncludeRecalled {
			continue
		}
		page.Messages = append(page.Messages, cloneMessage(m))
	}
	for ; seq >= 1; seq-- {
		if q.IncludeRecalled || !c.msgs[seq-1].m.Recalled {
			page.NextSeq = seq
			break
		}
	}
	if q.OldestFirst {
		for i, j := 0, len(page.Messages)-1; i < j; i, j = i+1, j-1 {
			page.Messages[i], page.Messages[j] = page.Messages[j], page.Messages[i]
		}
	}
	return page, nil
}

// Recall recalls a message as the bot: its own messages within the recall
// window (any time in a group it administers), and in groups the messages
// of members it outranks.
func (w *World) Recall(scene Scene, peer, seq int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.recall(w.self, scene, peer, seq)
}

// RecallByID is Recall addressed by OneBot message id.
func (w *World) RecallByID(id int32) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.msgByID[id]
	if !ok {
		return errf(ErrNotFound, "message id %d", id)
	}
	return w.recall(w.self, r.m.Scene, r.m.Peer, r.m.Seq)
}

// UserRecall recalls a message as user operator, with the same rules as
// Recall (in friend and temp scenes peer is the user itself).
func (w *World) UserRecall(operator int64, scene Scene, peer, seq int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.recall(operator, scene, peer, seq)
}

func (w *World) recall(actor int64, scene Scene, peer, seq int64) error {
	r, err := w.msgBySeq(scene, peer, seq)
	if err != nil {
		return err
	}
	m := &r.m
	if m.Recalled {
		return errf(ErrInvalidArgument, "message %s %d seq %d is already recalled", scene, peer, seq)
	}
	inWindow := w.cfg.recallWindow == 0 || w.now().Sub(m.Time) <= w.cfg.recallWindow
	var g *groupRec
	if scene == SceneGroup {
		if g, err = w.group(peer); err != nil {
			return err
		}
		if _, err := g.member(actor); err != nil {
			return err
		}
		switch {
		case m.SenderID == actor:
			if rank(g.roleOf(actor)) < 1 && !inWindow {
				return errf(ErrPermissionDenied, "recall window of %s has passed", w.cfg.recallWindow)
			}
		case g.roleOf(m.SenderID) == "":
			if err := requireAdmin(g, actor, "recall"); err != nil {
				return err
			}
		default:
			if err := requireOutrank(g, actor, m.SenderID, "recall"); err != nil {
				return err
			}
		}
	} else {
		if actor != w.self && actor != peer {
			return errf(ErrNotFound, "user %d is not in conversation %s %d", actor, scene, peer)
		}
		if m.SenderID != actor {
			return errf(ErrPermissionDenied, "only the sender can recall a %s message", scene)
		}
		if !inWindow {
			return errf(ErrPermissionDenied, "recall window of %s has passed", w.cfg.recallWindow)
		}
	}
	m.Recalled, m.RecalledBy = true, actor
	if g == nil || w.botIn(g) {
		w.emit(&RecallEvent{Scene: scene, Peer: peer, Seq: seq, MessageID: m.ID, SenderID: m.SenderID, OperatorID: actor})
	}
	return nil
}

// MarkRead marks a conversation read up to seq (the message must exist).
func (w *World) MarkRead(scene Scene, peer, seq int64) error {
	return w.locked(func() error {
		if _, err := w.msgBySeq(scene, peer, seq); err != nil {
			return err
		}
		k := convKey{scene, peer}
		if seq > w.readSeq[k] {
			w.readSeq[k] = seq
		}
		return nil
	})
}

// ReadSeq returns the highest seq marked read in a conversation (0: none).
func (w *World) ReadSeq(scene Scene, peer int64) int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.readSeq[convKey{scene, peer}]
}
