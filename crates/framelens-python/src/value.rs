//! What every value class shares: `to_dict()`, `__eq__`, and pickling through a serde state
//! (JSON bytes, rebuilt by the class's `_from_state`). A class says what its state is by
//! implementing [`ValueClass`]; [`value_class!`] adds the Python methods.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};
use pythonize::pythonize;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A Python class whose value is a serde state.
pub(crate) trait ValueClass: Sized {
    /// What is compared, pickled and (unless `dict` says otherwise) shown by `to_dict`.
    type State: Serialize + DeserializeOwned + PartialEq + Clone;

    /// The state (borrowed when the class holds it as it is).
    fn state(&self) -> Cow<'_, Self::State>;

    /// The value again from its state.
    fn from_state(py: Python<'_>, state: Self::State) -> PyResult<Self>;

    /// `to_dict()`: the state as plain Python data.
    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &*self.state())?)
    }
}

/// Reads the JSON state that [`reduce`] pickled.
pub(crate) fn from_json_state<T: DeserializeOwned>(state: &[u8]) -> PyResult<T> {
    serde_json::from_slice(state)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("cannot unpickle: {e}")))
}

/// `(cls._from_state, (state,))` for `__reduce__`.
pub(crate) fn reduce<'py, T: Serialize>(
    cls: Bound<'py, PyType>,
    value: &T,
) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
    let py = cls.py();
    let bytes = serde_json::to_vec(value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("cannot pickle: {e}")))?;
    Ok((cls.getattr("_from_state")?, (PyBytes::new(py, &bytes),)))
}

/// Adds `to_dict`, `__eq__`, `__reduce__` and `_from_state` to a [`ValueClass`]
/// (`value_class!(T, no_dict)` leaves `to_dict` out). `value_class!(T => V)` also makes `T` a
/// value class whose state is its field `inner: V`.
macro_rules! value_class {
    ($ty:ident => $state:ty) => {
        impl $crate::value::ValueClass for $ty {
            type State = $state;
            fn state(&self) -> std::borrow::Cow<'_, $state> {
                std::borrow::Cow::Borrowed(&self.inner)
            }
            fn from_state(_py: pyo3::Python<'_>, inner: $state) -> pyo3::PyResult<Self> {
                Ok($ty { inner })
            }
        }
        $crate::value::value_class!($ty);
    };
    ($ty:ty) => {
        $crate::value::value_class!($ty, no_dict);
        #[pyo3::pymethods]
        impl $ty {
            /// A plain, JSON-able dict of the value.
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::value::ValueClass::dict(self, py)
            }
        }
    };
    ($ty:ty, no_dict) => {
        #[pyo3::pymethods]
        impl $ty {
            fn __eq__(&self, other: pyo3::PyRef<'_, Self>) -> bool {
                use $crate::value::ValueClass;
                *self.state() == *other.state()
            }
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<(
                pyo3::Bound<'py, pyo3::PyAny>,
                (pyo3::Bound<'py, pyo3::types::PyBytes>,),
            )> {
                use $crate::value::ValueClass;
                $crate::value::reduce(slf.get_type(), &*slf.get().state())
            }
            #[staticmethod]
            fn _from_state(py: pyo3::Python<'_>, state: &[u8]) -> pyo3::PyResult<Self> {
                <Self as $crate::value::ValueClass>::from_state(
                    py,
                    $crate::value::from_json_state(state)?,
                )
            }
        }
    };
}
pub(crate) use value_class;
