package onebot11_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Receive events as HTTP POSTs (OneBot 11 "HTTP POST") and call actions
// over the HTTP API. The simulator stands in for the implementation: it
// posts every event to the bot's URL, signed with the shared secret.
func ExampleNewWebhookBot() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hook := httptest.NewUnstartedServer(nil) // in a program: http.ListenAndServe(":8080", bot)
	defer hook.Close()

	impl, err := sim.Start(ctx, &sim.StartOptions{SeedDemo: true, OneBot11: &onebot11.ServerOptions{
		WebhookURLs:        []string{"http://" + hook.Listener.Addr().String()},
		Secret:             "hmac-secret",
		WebhookMaxAttempts: 3, // like go-cqhttp's max-retries: covers the moment before Run starts
	}})
	if err != nil {
		log.Fatal(err)
	}
	defer impl.Close()

	api, err := transport.NewHTTPCaller(impl.OneBot11URL(), nil)
	if err != nil {
		log.Fatal(err)
	}
	bot := onebot11.NewWebhookBot(api, &onebot11.BotOptions{Secret: "hmac-secret"})
	hook.Config.Handler = bot
	hook.Start()

	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		_, err := onebot11.Respond(ctx, ev, onebot11.Text("pong")) // send_group_msg over HTTP
		return err
	}, onebot11.Command("/ping"))
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx, mux) }()

	// Act as Alice in the simulated group and watch the bot answer.
	world := impl.World()
	events, stop := world.Subscribe(8)
	defer stop()
	if _, err := world.UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "/ping"}}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(sim.Describe(<-events))
	fmt.Println(sim.Describe(<-events))
	cancel()
	fmt.Println(<-done)
	// Output:
	// group 30001 #1 Alice(20001): /ping
	// group 30001 #2 bot(10086001) (self): pong
	// context canceled
}
