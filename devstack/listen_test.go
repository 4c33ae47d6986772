package devstack

import (
	"net"
	"strings"
	"testing"
)

func TestAnAddressInUseSaysWhatToDo(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	_, port, _ := net.SplitHostPort(taken.Addr().String())

	_, err = listen("localhost:" + port)
	if err == nil {
		t.Fatal("bound an address that is in use")
	}
	for _, want := range []string{"localhost:" + port + " is in use", "make run", "-canvas"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
}
