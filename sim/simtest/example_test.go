package simtest_test

import (
	"context"
	"fmt"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

// Test a bot against the simulator: Start serves the demo world over both
// protocols on loopback, RunOneBot11Bot connects the bot under test, and
// the world's scripting API plays the other users.
func ExampleStart() {
	t := newExampleT() // in a test function: its *testing.T
	defer t.finish()

	inst := simtest.Start(t) // closed by t.Cleanup

	mux := onebot11.NewMux() // the bot under test
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		_, err := onebot11.Respond(ctx, ev, onebot11.Text(onebot11.MatchFrom(ctx).Args))
		return err
	}, onebot11.Command("/echo"))
	simtest.RunOneBot11Bot(t, inst, mux, nil)

	world := inst.World()
	events, cancel := world.Subscribe(8)
	defer cancel()
	if _, err := world.UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "/echo hello"}}); err != nil {
		t.Fatalf("send: %v", err)
	}
	fmt.Println(sim.Describe(<-events))
	fmt.Println(sim.Describe(<-events)) // the bot's answer

	// The same world over Milky.
	mk := simtest.MilkyClient(t, inst)
	msgs, err := mk.GetHistoryMessages(t.Context(), &milky.GetHistoryMessagesParams{MessageScene: milky.SceneGroup, PeerID: sim.DemoGroupDev})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	for _, m := range msgs.Messages {
		fmt.Println(m.SenderID, m.Segments.PlainText())
	}
	// Output:
	// group 30001 #1 Alice(20001): /echo hello
	// group 30001 #2 bot(10086001) (self): hello
	// 20001 /echo hello
	// 10086001 hello
}
