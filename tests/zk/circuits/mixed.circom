pragma circom 2.1.0;
// Several public signals (two outputs, two public inputs) so that input order and count matter.
include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/comparators.circom";

template Mixed() {
    signal input a;      // public
    signal input b;      // public
    signal input x;      // private
    signal input y;      // private
    signal output h;
    signal output m;

    component p = Poseidon(2);
    p.inputs[0] <== x;
    p.inputs[1] <== y;
    h <== p.out;

    signal xy;
    xy <== x * y;
    m <== xy + a;

    component lt = LessThan(16);
    lt.in[0] <== b;
    lt.in[1] <== 40000;
    lt.out === 1;
}

component main {public [a, b]} = Mixed();
