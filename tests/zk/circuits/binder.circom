pragma circom 2.1.0;
// Bundle binder: one public output, the Poseidon digest of eight private commitments.
include "circomlib/circuits/poseidon.circom";

template Binder() {
    signal input c[8];
    signal output digest;
    component h = Poseidon(8);
    for (var i = 0; i < 8; i++) {
        h.inputs[i] <== c[i];
    }
    digest <== h.out;
}

component main = Binder();
