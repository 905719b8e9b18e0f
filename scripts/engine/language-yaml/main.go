// Command pulumi-language-yaml is pulumi-yaml's own language host (pinned in go.mod), with the
// one RPC its release lacks: Link, which `pulumi package add` calls after it generated an SDK.
// A YAML program imports nothing, so there is nothing to link: the CLI then records the package
// in Pulumi.yaml's `packages:`, which is all a YAML program needs. Everything else is upstream's,
// started as upstream's cmd/pulumi-language-yaml starts it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi-yaml/pkg/server"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

type yamlHost struct {
	pulumirpc.LanguageRuntimeServer
}

func (yamlHost) Link(context.Context, *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return &pulumirpc.LinkResponse{
		ImportInstructions: "Use the package's resources by their type tokens (<package>:index:<Resource>); the packages: entry of Pulumi.yaml says where its plugin comes from.",
	}, nil
}

func main() {
	var tracing, root, compiler string
	flag.StringVar(&tracing, "tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	flag.StringVar(&root, "root", "", "Root of the program execution")
	flag.StringVar(&compiler, "compiler", "", "[obsolete] Compiler to use to pre-process YAML")
	flag.Parse()
	args := flag.Args()
	logging.InitLogging(false, 0, false)
	cmdutil.InitTracing("pulumi-language-yaml", "pulumi-language-yaml", tracing)

	var engineAddress string
	var cancel chan bool
	if len(args) > 0 {
		engineAddress = args[0]
		var err error
		if cancel, err = healthChecks(engineAddress); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check host RPC server: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, yamlHost{server.NewLanguageHost(engineAddress, tracing, false)})
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

// healthChecks stops the host when the engine goes away or on SIGINT, as upstream's does.
func healthChecks(engineAddress string) (chan bool, error) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	done := make(chan bool)
	go func() {
		<-ctx.Done()
		cancel()
		close(done)
	}()
	return done, rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel)
}
