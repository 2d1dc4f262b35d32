package serve

import (
	"net"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"cndtalks/model"
)

// What a client may ask for: a session with a terminal (pty-req,
// window-change, shell) or without (shell), and nothing else. Every other
// request is refused and logged: exec (a command), subsystem (sftp),
// x11-req, auth-agent-req (agent forwarding), port forwarding in either
// direction. The environment (env) is refused too, except COLORTERM and
// NO_COLOR, which only choose the browser's colours.

// sessionRequests are the session requests passed on to the session.
var sessionRequests = map[string]bool{
	"pty-req":       true,
	"window-change": true,
	"shell":         true,
	"signal":        true,
	"break":         true,
}

// colourEnv are the environment variables a client may send, for the
// colour profile only.
var colourEnv = map[string]bool{"COLORTERM": true, "NO_COLOR": true}

// restrict is the ssh.Option that installs the limits and the request
// filter on the server.
func (s *Server) restrict(srv *ssh.Server) error {
	srv.HandshakeTimeout = handshakeTimeout
	// A connection with no traffic at all (one that never opens a
	// session) ends a minute after a session would have.
	srv.IdleTimeout = s.cfg.IdleTimeout + time.Minute
	srv.ConnCallback = s.admitConn
	srv.ConnectionCloseCallback = func(net.Conn) {
		s.mu.Lock()
		s.conns--
		s.mu.Unlock()
	}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{
		"session":      s.sessionChannel,
		"direct-tcpip": s.refuseChannel,
	}
	srv.RequestHandlers = map[string]ssh.RequestHandler{
		"tcpip-forward":        s.refuseGlobal,
		"cancel-tcpip-forward": s.refuseGlobal,
	}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	return nil
}

// admitConn is the first look at a new connection: a flood from one IP
// address, or more connections than twice the session limit (handshakes
// in progress included), are closed before the SSH handshake.
func (s *Server) admitConn(_ ssh.Context, conn net.Conn) net.Conn {
	ip := remoteIP(conn.RemoteAddr())
	s.stats.connections.Add(1)
	if !s.limiter.allow(ip) {
		total := s.stats.refused.Add(1)
		s.log.Warn("refused", "reason", "rate", "ip", ip, "per_minute", s.cfg.PerIPPerMinute, "refused_total", total)
		return nil
	}
	s.mu.Lock()
	full := s.conns >= 2*s.cfg.MaxSessions
	if !full {
		s.conns++
	}
	s.mu.Unlock()
	if full {
		total := s.stats.refused.Add(1)
		s.log.Warn("refused", "reason", "connections", "ip", ip, "refused_total", total)
		return nil
	}
	return conn
}

// sessionChannel is the session channel handler of charm.land/ssh with
// the requests filtered first.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: ch, s: s, ip: remoteIP(conn.RemoteAddr())}, ctx)
}

// filteredChannel accepts a session channel and passes on only the
// requests the server serves.
type filteredChannel struct {
	gossh.NewChannel
	s  *Server
	ip string
}

// Accept accepts the channel and filters its requests.
func (f filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := f.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for req := range reqs {
			if f.s.allowRequest(f.ip, req) {
				out <- req
			}
		}
	}()
	return ch, out, nil
}

// allowRequest reports whether req goes on to the session; a refused one
// is answered and logged here.
func (s *Server) allowRequest(ip string, req *gossh.Request) bool {
	if sessionRequests[req.Type] {
		return true
	}
	if req.Type == "env" {
		var kv struct{ Key, Value string }
		if gossh.Unmarshal(req.Payload, &kv) == nil && colourEnv[kv.Key] {
			return true
		}
		// OpenSSH sends LANG and LC_* by default: not worth a warning.
		s.log.Debug("refused", "reason", "env", "ip", ip)
		_ = req.Reply(false, nil)
		return false
	}
	total := s.stats.refused.Add(1)
	s.log.Warn("refused", "reason", "request", "request", sanitizeType(req.Type), "detail", requestDetail(req), "ip", ip, "refused_total", total)
	_ = req.Reply(false, nil)
	return false
}

// requestDetail is the command of an exec or the name of a subsystem.
func requestDetail(req *gossh.Request) string {
	if req.Type != "exec" && req.Type != "subsystem" {
		return ""
	}
	var v struct{ Value string }
	if gossh.Unmarshal(req.Payload, &v) != nil {
		return ""
	}
	if len(v.Value) > 80 {
		v.Value = v.Value[:80] + "…"
	}
	return sanitizeType(v.Value)
}

// refuseChannel refuses a port-forwarding channel.
func (s *Server) refuseChannel(_ *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, _ ssh.Context) {
	total := s.stats.refused.Add(1)
	s.log.Warn("refused", "reason", "channel", "channel", sanitizeType(ch.ChannelType()), "ip", remoteIP(conn.RemoteAddr()), "refused_total", total)
	_ = ch.Reject(gossh.Prohibited, "cndtalks serves the browser only")
}

// refuseGlobal refuses a global request (remote port forwarding).
func (s *Server) refuseGlobal(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
	total := s.stats.refused.Add(1)
	s.log.Warn("refused", "reason", "request", "request", sanitizeType(req.Type), "ip", remoteIP(ctx.RemoteAddr()), "refused_total", total)
	return false, nil
}

// sanitizeType makes a client's string safe for a log line.
func sanitizeType(s string) string { return model.SanitizeLine(s) }
