package segment_test

import (
	"fmt"

	"github.com/duobot/duobot/segment"
)

// Tokenise a CQ string: text runs and well-formed codes; a malformed code
// stays text.
func ExampleNextCQ() {
	s := "hi [CQ:at,qq=10001] [CQ:face,id=14,text=a&#44;b] [CQ:broken"
	for tok, rest, ok := segment.NextCQ(s); ok; tok, rest, ok = segment.NextCQ(rest) {
		if !tok.Code {
			fmt.Printf("text %q\n", tok.Text)
			continue
		}
		fmt.Print("code ", tok.Type)
		for k, v, more, ok := segment.NextCQParam(tok.Params); ok; k, v, more, ok = segment.NextCQParam(more) {
			fmt.Printf(" %s=%q", k, v)
		}
		fmt.Println()
	}
	// Output:
	// text "hi "
	// code at qq="10001"
	// text " "
	// code face id="14" text="a,b"
	// text " [CQ:broken"
}
