package milky

import (
	"fmt"
	"os"
	"testing"

	"github.com/duobot/duobot/internal/milkyschema"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	milkyschema.Close()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goroutine leak:", err)
			code = 1
		}
	}
	os.Exit(code)
}
