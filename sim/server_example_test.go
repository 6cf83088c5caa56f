package sim_test

import (
	"context"
	"fmt"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Start serves one seeded world over both protocols on loopback; a client
// of either protocol sees the same groups.
func ExampleStart() {
	ctx := context.Background()
	inst, err := sim.Start(ctx, &sim.StartOptions{SeedDemo: true, Token: "s3cret"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer inst.Close()

	obCaller, _ := transport.NewHTTPCaller(inst.OneBot11URL(), &transport.HTTPOptions{Token: inst.OneBot11Token()})
	ob := onebot11.NewClient(obCaller)
	info, err := ob.GetGroupInfo(ctx, &onebot11.GetGroupInfoParams{GroupID: sim.DemoGroupDev})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("OneBot 11:", info.GroupName)

	mkCaller, _ := transport.NewMilkyHTTPCaller(inst.MilkyURL(), &transport.HTTPOptions{Token: inst.MilkyToken()})
	mk := milky.NewClient(mkCaller)
	g, err := mk.GetGroupInfo(ctx, &milky.GetGroupInfoParams{GroupID: sim.DemoGroupDev})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Milky:", g.Group.GroupName)
	// Output:
	// OneBot 11: duobot dev
	// Milky: duobot dev
}
