package sim_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Serving a world over OneBot 11: register the front-end on a ServeMux,
// serve it with an onebot11.Server next to the world's file URLs, and pump
// the world's events into the server.
func ExampleOneBot11() {
	w := sim.New(sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		panic(err)
	}
	ob := sim.NewOneBot11(w, nil)
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{SelfID: w.SelfID()})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	root := http.NewServeMux()
	root.Handle("/file/", ob.FileHandler())
	root.Handle("/resource/", ob.FileHandler())
	root.Handle("/", srv)
	ts := httptest.NewServer(root)
	defer ts.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ob.Run(ctx, srv) // events to every subscriber until cancel

	caller, err := transport.NewHTTPCaller(ts.URL, nil)
	if err != nil {
		panic(err)
	}
	c := onebot11.NewClient(caller)
	res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
		Message: onebot11.ParseCQ("hello [CQ:at,qq=20001]")})
	if err != nil {
		panic(err)
	}
	m, err := w.MessageByID(int32(res.MessageID))
	if err != nil {
		panic(err)
	}
	fmt.Println(sim.PlainText(m.Content))

	_, err = c.OcrImage(ctx, &onebot11.OcrImageParams{Image: "x"})
	fmt.Println(onebot11.Retcode(err))
	// Output:
	// hello @Alice
	// 1404
}
