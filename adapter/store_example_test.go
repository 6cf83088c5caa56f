package adapter_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/duobot/duobot/adapter"
)

// A Milky message becomes a OneBot message_id and back; equal seqs in two
// chats are two messages.
func ExampleNewMemoryStore() {
	ctx := context.Background()
	s, err := adapter.NewMemoryStore(adapter.WithMessageCapacity(10_000))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	a, _ := s.MessageID(ctx, adapter.MessageRef{Scene: adapter.SceneGroup, PeerID: 123456789, Seq: 1})
	b, _ := s.MessageID(ctx, adapter.MessageRef{Scene: adapter.SceneFriend, PeerID: 10001, Seq: 1})
	fmt.Println(a, b)

	ref, _ := s.LookupMessage(ctx, a)
	fmt.Println(ref)

	_, err = s.LookupMessage(ctx, 42)
	fmt.Println(errors.Is(err, adapter.ErrNotFound))

	flag, _ := s.RequestFlag(ctx, adapter.RequestRef{Kind: adapter.RequestFriend, InitiatorUID: "u_abc"})
	req, _ := s.LookupRequest(ctx, flag)
	fmt.Println(req.Kind, req.InitiatorUID)
	// Output:
	// 547972855 856041280
	// group:123456789:1
	// true
	// friend u_abc
}

// The bolt store keeps the mappings across a restart.
func ExampleOpenBoltStore() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "duobot-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ids.db")

	s, err := adapter.OpenBoltStore(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	id, _ := s.MessageID(ctx, adapter.MessageRef{Scene: adapter.SceneGroup, PeerID: 123456789, Seq: 1})
	s.Close()

	s, err = adapter.OpenBoltStore(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ref, err := s.LookupMessage(ctx, id)
	fmt.Println(ref, err)
	// Output:
	// group:123456789:1 <nil>
}
