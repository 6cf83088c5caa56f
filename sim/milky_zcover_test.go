package sim

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

// This file sorts last so that its test runs after the other TestMilky
// tests.

// Every implemented API was called successfully by the e2e tests (when
// they all ran, i.e. without -run filtering).
func TestMilkyZZAllImplementedAPIsCovered(t *testing.T) {
	mkCovered.Lock()
	defer mkCovered.Unlock()
	if len(mkCovered.apis) < 10 {
		t.Skip("run with the other TestMilky tests")
	}
	var missing []string
	for _, api := range MilkyImplementedAPIs() {
		if !mkCovered.apis[api] {
			missing = append(missing, api)
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "implemented APIs no e2e test called successfully")
}
