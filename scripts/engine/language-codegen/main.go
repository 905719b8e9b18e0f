// Command language-codegen is installed as pulumi-language-python and pulumi-language-go, the
// language hosts `pulumi package gen-sdk` asks for SDK code, with pkg/v3's generators (see
// ../codegen). The Go module proxy here refuses the upstream hosts. As pulumi-language-go it also
// runs Go programs (see run.go), as upstream's host does: build the program, then run it with the
// engine's addresses and the stack's configuration in its environment. Python programs are not
// run here (no PyPI): that host says so.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"

	"pulumi-hpecom/engine/codegen"
	"pulumi-hpecom/engine/langhost"
)

var version = "3.248.0"

type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language      string
	engineAddress string
}

func (h *codegenHost) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *codegenHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return codegen.GeneratePackage(ctx, h.language, req)
}

func (h *codegenHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if h.language == "go" {
		return runGoProgram(ctx, h.engineAddress, req)
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf(
		"this pulumi-language-%s only generates SDKs (pulumi-hpecom's engine build); install Pulumi's own to run %s programs",
		h.language, h.language)}, nil
}

func main() {
	// The language comes from the name this binary is installed under.
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
	// The engine's address is the first argument that is not a flag.
	engineAddress := ""
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
			break
		}
	}
	langhost.Serve(&codegenHost{language: language, engineAddress: engineAddress})
}
