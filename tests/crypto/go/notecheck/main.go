// notecheck answers signed-note questions with Go's golang.org/x/mod/sumdb/note, the reference
// implementation, so that verimeter's notes are checked by code no one on the project wrote.
//
// It reads JSON lines on stdin and writes one JSON line per input line on stdout:
//
//	{"op":"verify","vkeys":[...],"note":"..."}  → {"ok":bool,"text":"...","signers":[...],"error":"..."}
//	{"op":"sign","skeys":[...],"text":"..."}    → {"ok":bool,"note":"...","error":"..."}
//	{"op":"keygen","name":"..."}                → {"ok":true,"skey":"...","vkey":"..."}
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
)

type request struct {
	Op    string   `json:"op"`
	VKeys []string `json:"vkeys"`
	SKeys []string `json:"skeys"`
	Note  string   `json:"note"`
	Text  string   `json:"text"`
	Name  string   `json:"name"`
}

type response struct {
	OK      bool     `json:"ok"`
	Text    string   `json:"text,omitempty"`
	Signers []string `json:"signers,omitempty"`
	Note    string   `json:"note,omitempty"`
	SKey    string   `json:"skey,omitempty"`
	VKey    string   `json:"vkey,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func verify(r request) response {
	var vs []note.Verifier
	for _, k := range r.VKeys {
		v, err := note.NewVerifier(k)
		if err != nil {
			return response{Error: "verifier key: " + err.Error()}
		}
		vs = append(vs, v)
	}
	n, err := note.Open([]byte(r.Note), note.VerifierList(vs...))
	if err != nil {
		return response{Error: err.Error()}
	}
	out := response{OK: true, Text: n.Text}
	for _, s := range n.Sigs {
		out.Signers = append(out.Signers, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
	}
	return out
}

func sign(r request) response {
	var ss []note.Signer
	for _, k := range r.SKeys {
		s, err := note.NewSigner(k)
		if err != nil {
			return response{Error: "signer key: " + err.Error()}
		}
		ss = append(ss, s)
	}
	msg, err := note.Sign(&note.Note{Text: r.Text}, ss...)
	if err != nil {
		return response{Error: err.Error()}
	}
	return response{OK: true, Note: string(msg)}
}

func keygen(r request) response {
	skey, vkey, err := note.GenerateKey(rand.Reader, r.Name)
	if err != nil {
		return response{Error: err.Error()}
	}
	return response{OK: true, SKey: skey, VKey: vkey}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r request
		var resp response
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			resp = response{Error: "request: " + err.Error()}
		} else {
			switch r.Op {
			case "verify":
				resp = verify(r)
			case "sign":
				resp = sign(r)
			case "keygen":
				resp = keygen(r)
			default:
				resp = response{Error: "unknown op " + r.Op}
			}
		}
		if err := out.Encode(resp); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
