/**
 * Cisco Discovery Protocol (CDPv2) as an engine: {@link dev.routerlab.cdp.CdpEngine} advertises
 * the router on its Ethernet ports and keeps the neighbour table the `show cdp` commands read.
 * Its codec is {@link dev.routerlab.packet.Cdp}; frames in and out through the IP engine's
 * link-layer hook. Built by `device.Router`, reconciled from the model; scheduler thread only.
 */
package dev.routerlab.cdp;
