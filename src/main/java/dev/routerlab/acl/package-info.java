/**
 * Access lists as the engines use them: finding a list of the model
 * ({@link dev.routerlab.acl.AccessLists}), matching packets and connections
 * ({@link dev.routerlab.acl.AclMatch}), the port names ({@link dev.routerlab.acl.PortNames}) and
 * the per-router match counters ({@link dev.routerlab.acl.AclCounters}). Commands are in {@code acl.cli}.
 */
package dev.routerlab.acl;
