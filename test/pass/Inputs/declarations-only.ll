; Input for module-ctor.ll: a module with nothing to instrument.
declare void @external()

define available_externally void @uses_it() {
  call void @external()
  ret void
}
