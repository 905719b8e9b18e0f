// Command language-codegen is installed as pulumi-language-python and pulumi-language-go, the
// language hosts `pulumi package gen-sdk` asks for SDK code. The Go module proxy here refuses the
// upstream hosts, and this project runs no Python or Go programs, so this host answers only
// GeneratePackage (with pkg/v3's generators, see ../codegen) and says so for anything else.
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
	language string
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

func (h *codegenHost) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return &pulumirpc.RunResponse{Error: fmt.Sprintf(
		"this pulumi-language-%s only generates SDKs (pulumi-hpecom's engine build); install Pulumi's own to run %s programs",
		h.language, h.language)}, nil
}

func main() {
	// The language comes from the name this binary is installed under.
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
	langhost.Serve(&codegenHost{language: language})
}
