// EIGRP (RFC 7868): `router eigrp` sub-mode commands.
parser grammar Eigrp;

router_eigrp : EIGRP DEC ;
eigrp_router_cmd : r_eigrp ;
r_eigrp : EIGRP ROUTER_ID (IP_ADDRESS | neg) ;
